import Foundation

/// Ranks articles by how related they are: the cosine of their TF-IDF vectors, with a
/// sublinear term frequency (1 + ln tf, so one word repeated does not outweigh several shared)
/// and a smoothed inverse document frequency (a term every article has weighs almost nothing).
/// The score is symmetric: a's score against b is b's against a, which is what lets a store
/// tell whether a changed article now belongs in a neighbour's list.
public struct RelatedRanking: Sendable {
    /// How many articles hold each term; terms missing here count as held by one.
    public var documentFrequency: [String: Int]
    /// How many articles the frequencies were counted over.
    public var documentCount: Int

    public init(documentFrequency: [String: Int], documentCount: Int) {
        self.documentFrequency = documentFrequency
        self.documentCount = documentCount
    }

    /// One ranked article.
    public struct Match: Sendable, Equatable {
        public var id: Int64
        public var score: Double

        public init(id: Int64, score: Double) {
            self.id = id
            self.score = score
        }
    }

    /// ln(1 + N / df): positive for every term, largest for the rarest.
    public func inverseFrequency(_ term: String) -> Double {
        let documents = Double(max(documentCount, 1))
        let holding = Double(min(max(documentFrequency[term] ?? 1, 1), max(documentCount, 1)))
        return log(1 + documents / holding)
    }

    /// How much `term`, held `count` times by an article, says about what the article is
    /// related to: its TF-IDF weight, but a quarter of it for a term no indexed article holds
    /// (it cannot relate this one to any yet). Picks the terms an article's vector keeps.
    public func selectionWeight(_ term: String, count: Int) -> Double {
        let weight = (1 + log(Double(max(count, 1)))) * inverseFrequency(term)
        return (documentFrequency[term] ?? 0) > 0 ? weight : weight / 4
    }

    /// The TF-IDF weights of `vector`, scaled to length 1 (empty for an empty vector).
    public func normalized(_ vector: TermVector) -> [String: Double] {
        var weighted: [String: Double] = [:]
        var squares = 0.0
        for (term, frequency) in vector.weights {
            let weight = (1 + log(Double(frequency))) * inverseFrequency(term)
            weighted[term] = weight
            squares += weight * weight
        }
        guard squares > 0 else { return [:] }
        let length = squares.squareRoot()
        return weighted.mapValues { $0 / length }
    }

    /// The cosine of two vectors made by ``normalized(_:)``: 0 (nothing shared) to 1.
    public static func similarity(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var sum = 0.0
        for (term, weight) in small {
            if let other = large[term] { sum += weight * other }
        }
        return sum
    }

    /// The `limit` best matches for the article `id` among `candidates`: never itself, never a
    /// candidate sharing nothing; best first, ties broken by the higher (newer) id so the order
    /// is the same on every run.
    public func rank(
        _ id: Int64, _ vector: TermVector, among candidates: [(id: Int64, vector: TermVector)], limit: Int
    ) -> [Match] {
        let target = normalized(vector)
        guard !target.isEmpty, limit > 0 else { return [] }
        var matches: [Match] = []
        for candidate in candidates where candidate.id != id {
            let score = Self.similarity(target, normalized(candidate.vector))
            if score > 0 { matches.append(Match(id: candidate.id, score: score)) }
        }
        matches.sort { ($0.score, $0.id) > ($1.score, $1.id) }
        return Array(matches.prefix(limit))
    }
}
