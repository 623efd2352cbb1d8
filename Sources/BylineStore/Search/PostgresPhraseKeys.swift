import BylineCore

/// PostgreSQL: the pair keys of a query's quoted phrases, made by the database the way it made
/// the index's (`byline_search_pairs`, migration `v14-search-publication`): each two stems one
/// or two positions apart in the phrase's own vector. The keys find every post holding a phrase
/// without reading where its words occur, and they decide a phrase of two stems alone: a post
/// holds `'rate' <-> 'decis'` (or `'farm' <2> 'coast'`, a stop word between) exactly when its
/// vector has the two that far apart, which is what its key records.
struct PostgresPhraseKeys {
    /// Keys every post holding all the query's phrases has; empty when no phrase has two
    /// stems one or two positions apart (one word, or words with two stop words between).
    var keys: [String] = []
    /// Every phrase is two stems, one key: a post having the keys holds the phrases.
    var decide = false

    /// No phrase: a search of words.
    static let none = PostgresPhraseKeys()

    /// The keys of `query`'s required phrases, one query each.
    static func of(_ query: SearchQuery, _ db: any SQLConnection) throws -> PostgresPhraseKeys {
        var result = PostgresPhraseKeys()
        var decide = true
        for term in query.required {
            guard case .phrase(let words) = term else { continue }
            let text = SearchText.fold(words.joined(separator: " "))
            let rows = try db.fetchAll(
                """
                SELECT k.key, (SELECT COUNT(*) FROM unnest(v.vector) u, unnest(u.positions) p) AS stems
                FROM (SELECT to_tsvector('english', \(text)) AS vector) v
                LEFT JOIN LATERAL unnest(tsvector_to_array(byline_search_pairs(v.vector))) k(key) ON TRUE
                """)
            var keys: [String] = []
            for row in rows {
                guard let key: String = try row["key"] else { continue }
                keys.append(key)
            }
            let stems: Int = try rows.first?["stems"] ?? 0
            decide = decide && stems == 2 && keys.count == 1
            for key in keys where !result.keys.contains(key) { result.keys.append(key) }
        }
        result.decide = decide && !result.keys.isEmpty
        return result
    }

    /// The one key of a post whose keys would not fit in a `tsvector` (`byline_search_pairs`):
    /// such a post is a candidate of every phrase.
    static let tooManyKeys = "\u{E002}"

    /// `s.pairs @@ '(key & ...) | tooManyKeys' AND `: the candidates, or nothing without keys.
    /// Each key is a quoted lexeme of the `tsquery` (quotes and backslashes doubled), bound as a
    /// parameter: the stems are the database's, never parsed as query syntax.
    var condition: SQL {
        guard !keys.isEmpty else { return "" }
        let text = "(" + Self.lexemes(keys) + ") | " + Self.lexemes([Self.tooManyKeys])
        return "s.pairs @@ CAST(\(text) AS tsquery) AND "
    }

    /// `condition`, and for a candidate without the keys (``tooManyKeys``) the phrases checked
    /// by their words' positions: the matches, when the keys decide. Those posts are listed
    /// once per query (GIN, usually none): a test of each candidate's own keys would read them
    /// out of TOAST, which tripled the time of a phrase search.
    /// - Parameter range: the walk's stretch, a condition on `post_id`.
    func decidedCondition(_ query: SearchQuery, range: SQL) -> SQL {
        let phrases = query.required.filter(\.isPhrase)
        let marker = Self.lexemes([Self.tooManyKeys])
        let lacking: SQL =
            "ARRAY(SELECT m.post_id FROM post_search m WHERE m.pairs @@ CAST(\(marker) AS tsquery) AND m." + range + ")"
        return condition + "(s.post_id <> ALL(" + lacking + ") OR s.vector @@ " + SearchScope.tsquery(phrases)
            + ") AND "
    }

    /// `'a' & 'b'`: each key a quoted lexeme.
    static func lexemes(_ keys: [String]) -> String {
        keys.map { key in
            "'" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        }.joined(separator: " & ")
    }
}
