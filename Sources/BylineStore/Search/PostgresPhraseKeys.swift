import BylineCore

/// PostgreSQL: the keys of a query's quoted phrases, made by the database the way it made the
/// index's (`byline_search_pairs`, migrations `v14-search-publication` and
/// `v15-search-triple-keys`): each two stems one or two positions apart in the phrase's own
/// vector, and each three at adjacent positions. The keys find every post holding a phrase
/// without reading where its words occur, and they decide a phrase of two or three stems
/// alone: a post holds `'rate' <-> 'decis'` (or `'farm' <2> 'coast'`, a stop word between, or
/// `'rail' <-> 'link' <-> 'open'`) exactly when its vector has them that far apart, which is
/// what its key records.
struct PostgresPhraseKeys {
    /// Keys every post holding all the query's phrases has; empty when no phrase has two
    /// stems one or two positions apart (one word, or words with two stop words between).
    var keys: [String] = []
    /// Every phrase is two stems (one key) or three at adjacent positions (a key of three):
    /// a post having the keys holds the phrases.
    var decide = false

    /// Posts whose keys would not fit (``tooManyKeys``), read with the first phrase's keys:
    /// usually none. Their phrases are checked by word positions even when the keys decide.
    var lacking: [Int64] = []

    /// The keys of `query`'s required phrases, one query each.
    static func of(_ query: SearchQuery, _ db: any SQLConnection) throws -> PostgresPhraseKeys {
        var result = PostgresPhraseKeys()
        var decide = true
        var isFirst = true
        for term in query.required {
            guard case .phrase(let words) = term else { continue }
            let text = SearchText.fold(words.joined(separator: " "))
            // Once a search, with the first phrase, not once a stretch of its walk: a subquery
            // in the walk made it plan a GIN scan more for each partition of the stretch. Their
            // own table (`v17`), since reading them from `post_search` planned every partition.
            let lacking: SQL =
                isFirst ? "(SELECT string_agg(post_id::text, ',') FROM search_lacking_keys)" : "NULL"
            let rows = try db.fetchAll(
                """
                SELECT k.key, (SELECT COUNT(*) FROM unnest(v.vector) u, unnest(u.positions) p) AS stems,
                    \(lacking) AS lacking
                FROM (SELECT to_tsvector('english', \(text)) AS vector) v
                LEFT JOIN LATERAL unnest(tsvector_to_array(byline_search_pairs(v.vector))) k(key) ON TRUE
                """)
            var keys: [String] = []
            for row in rows {
                guard let key: String = try row["key"] else { continue }
                keys.append(key)
            }
            if isFirst, let ids: String = try rows.first?["lacking"] {
                result.lacking = ids.split(separator: ",").compactMap { Int64($0) }
            }
            isFirst = false
            let stems: Int = try rows.first?["stems"] ?? 0
            let runs = keys.filter { key in key.unicodeScalars.filter { $0 == Self.adjacent }.count == 2 }
            decide = decide && ((stems == 2 && keys.count == 1) || (stems == 3 && runs.count == 1))
            for key in keys where !result.keys.contains(key) { result.keys.append(key) }
        }
        result.decide = decide && !result.keys.isEmpty
        return result
    }

    /// The joiner of two stems at adjacent positions (U+E000); U+E001 joins two a position apart.
    static let adjacent: Unicode.Scalar = "\u{E000}"

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

    /// `condition`, and for a post without the keys (``lacking``) the phrases checked by their
    /// words' positions: the matches, when the keys decide.
    func decidedCondition(_ query: SearchQuery) -> SQL {
        guard !lacking.isEmpty else { return condition }
        let phrases = query.required.filter(\.isPhrase)
        return condition + "(s.post_id NOT IN \(list: lacking) OR s.vector @@ " + SearchScope.tsquery(phrases)
            + ") AND "
    }

    /// `'a' & 'b'`: each key a quoted lexeme.
    static func lexemes(_ keys: [String]) -> String {
        keys.map { key in
            "'" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        }.joined(separator: " & ")
    }
}
