/// Keys for the pairs of adjacent words in a text, which let a quoted phrase made of common
/// words be found without reading where each of its words occurs in every post.
///
/// A phrase search checks word positions in every post holding all its words: in a news archive
/// "new rules" means reading the positions of "new" and "rules" in tens of thousands of posts,
/// even when no post holds the phrase. The index also keeps, per post, one token for each pair of
/// adjacent words; a phrase's pairs are then looked up first, and positions are read only in the
/// few posts that hold all of them.
///
/// A key stands for a pair by the first ``keyLength`` letters of each word, joined by a
/// private-use character: short keys so that the forms a stemmer joins ("rules", "rule") share
/// theirs (a key only has to be found wherever the phrase is; a collision only adds a candidate
/// the phrase check then drops), and a joiner no typed word can contain, so no search for a word
/// ever matches a key.
///
/// These are SQLite's keys. PostgreSQL pairs the stems of its own vectors in the database
/// (`byline_search_pairs`), which makes its keys exact.
public enum SearchPairs {
    /// Letters of each word a key keeps.
    public static let keyLength = 4
    /// Joins the two halves of a key: a Unicode private-use character, which `unicode61` keeps
    /// inside a token and ``SearchText`` never treats as part of a typed word.
    public static let joiner: Character = "\u{E000}"

    /// The key of the pair `first second` (both folded, ``SearchText/fold(_:)``).
    public static func key(_ first: String, _ second: String) -> String {
        String(first.prefix(keyLength)) + String(joiner) + String(second.prefix(keyLength))
    }

    /// The keys of every pair of adjacent words in each of `texts` (no pair spans two texts),
    /// each once, space-separated: the index's pairs column.
    public static func indexText(_ texts: [String]) -> String {
        var keys = Set<String>()
        for text in texts {
            let words = SearchText.words(SearchText.fold(text))
            for (first, second) in zip(words, words.dropFirst()) { keys.insert(key(first, second)) }
        }
        return keys.sorted().joined(separator: " ")
    }

    /// The keys every post holding the phrase `words` has; empty for one word, and for a phrase
    /// with a word outside ASCII letters and digits, whose folding and splitting the engines may
    /// do differently from ``SearchText`` (such a phrase is checked without keys).
    public static func keys(ofPhrase words: [String]) -> [String] {
        let folded = words.map(SearchText.fold)
        guard folded.count > 1,
            folded.allSatisfy({ word in
                !word.isEmpty && word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            })
        else { return [] }
        var keys: [String] = []
        for (first, second) in zip(folded, folded.dropFirst()) where !keys.contains(key(first, second)) {
            keys.append(key(first, second))
        }
        return keys
    }

    /// The keys of every required phrase of `query`.
    public static func keys(of query: SearchQuery) -> [String] {
        var keys: [String] = []
        for term in query.required {
            guard case .phrase(let words) = term else { continue }
            for key in Self.keys(ofPhrase: words) where !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}
