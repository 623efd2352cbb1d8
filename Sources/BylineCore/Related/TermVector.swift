/// What an article is about, compactly: its weightiest terms (``RelatedTokenizer``) with their
/// weighted frequencies, the title's and tags' terms counted ``fieldBoost`` times each.
/// Stored per post (``encoded``), so ranking a post against a candidate reads two short strings
/// instead of two bodies.
public struct TermVector: Sendable, Equatable {
    /// A title or tag word counts as this many body words: they name the subject.
    public static let fieldBoost = 3
    /// Terms kept per post. A news article's topic shows in its few dozen most frequent terms;
    /// keeping more grows every stored vector and comparison for little gain.
    public static let termLimit = 48

    /// Weighted frequency per term, at most ``termLimit`` terms.
    public private(set) var weights: [String: Int]

    public init(weights: [String: Int]) {
        self.weights = weights
    }

    /// The vector of one article, keeping its most frequent terms.
    public init(title: String, tags: [String], body: String) {
        self.init(counts: Self.counts(title: title, tags: tags, body: body)) { _, count in Double(count) }
    }

    /// The ``termLimit`` terms of `counts` that `score` rates highest (ties: alphabetical).
    public init(counts: [String: Int], score: (String, Int) -> Double) {
        let kept = counts.map { (term: $0.key, count: $0.value, score: score($0.key, $0.value)) }
            .sorted { ($0.score, $1.term) > ($1.score, $0.term) }.prefix(Self.termLimit)
        self.weights = Dictionary(uniqueKeysWithValues: kept.map { ($0.term, $0.count) })
    }

    /// Every term of one article with its weighted frequency.
    public static func counts(title: String, tags: [String], body: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for term in RelatedTokenizer.terms(in: title) { counts[term, default: 0] += Self.fieldBoost }
        for tag in tags {
            for term in RelatedTokenizer.terms(in: tag) { counts[term, default: 0] += Self.fieldBoost }
        }
        for line in body.split(separator: "\n") where !line.hasPrefix("::") {
            // `::read-also[...]` names another article: its words are not this one's.
            for term in RelatedTokenizer.terms(in: String(line)) { counts[term, default: 0] += 1 }
        }
        return counts
    }

    public var isEmpty: Bool { weights.isEmpty }
    public var terms: [String] { weights.keys.sorted() }

    /// `term:weight` pairs separated by spaces, terms in order (terms never hold either).
    public var encoded: String {
        weights.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
    }

    /// The vector ``encoded`` wrote; malformed pairs are skipped.
    public init(encoded: String) {
        var weights: [String: Int] = [:]
        for pair in encoded.split(separator: " ") {
            guard let colon = pair.lastIndex(of: ":"), let weight = Int(pair[pair.index(after: colon)...]),
                weight > 0
            else { continue }
            weights[String(pair[..<colon])] = weight
        }
        self.weights = weights
    }
}
