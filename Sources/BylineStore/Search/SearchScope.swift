import BylineCore
import Foundation

/// One part of a search: which posts (`readers`, a condition on `posts p`) are matched on which
/// indexed columns. A reader entitled to a post matches all of it; one who is not matches its
/// title, tags, gated-safe excerpt and free preview, and only the first three when the preview
/// was indexed longer than the preview now shown (the setting was lowered since).
struct SearchScope {
    /// The indexed columns a scope matches, widest first.
    enum Columns: Int {
        /// Title, tags and excerpt, preview, rest.
        case all = 0
        /// Title, tags and excerpt, preview.
        case preview = 1
        /// Title, tags and excerpt.
        case free = 2

        var sqliteNames: String {
            switch self {
            case .all: ""  // every column: no filter, which FTS5 then need not check
            case .preview: "title tags_excerpt preview"
            case .free: "title tags_excerpt"
            }
        }

        /// The `tsvector` of those columns: `vector` has them all (A title, B tags and excerpt,
        /// C preview, D rest), `free_vector` the first three, filtered down to A and B for `free`.
        var postgresVector: SQL {
            switch self {
            case .all: "s.vector"
            case .preview: "s.free_vector"
            case .free: "ts_filter(s.free_vector, '{a,b}')"
            }
        }

        /// The plain text of a hit its reader may read, for the snippet.
        func readableText(_ post: PostSummary, preview: String, rest: String) -> String {
            let safeExcerpt = post.excerptInPreview ? post.excerpt : ""
            switch self {
            case .all:
                let body = [preview, rest].filter { !$0.isEmpty }.joined(separator: "\n\n")
                return body.isEmpty ? post.excerpt : body
            case .preview: return preview.isEmpty ? safeExcerpt : preview
            case .free: return safeExcerpt
            }
        }
    }

    let columns: Columns
    /// The posts of this scope, as a condition on `posts p` (and the index's `preview_blocks`).
    let readers: SQL

    /// The scopes of a search by `audience`: one when it reads every post, else the posts it
    /// reads (public, and not yet caught by the archive rule) and the two scopes of the others.
    static func scopes(for audience: Audience, gate: GateSettings, now: Date) -> [SearchScope] {
        let readable = Visibility.allCases.filter { GatePolicy.canRead($0, audience) }
        let archiveApplies = !GatePolicy.canRead(.members, audience)
        let threshold = gate.archiveAfterDays.map { now.addingTimeInterval(-TimeInterval($0) * 86_400) }
        if readable.count == Visibility.allCases.count, !(archiveApplies && threshold != nil) {
            return [SearchScope(columns: .all, readers: "1 = 1")]
        }
        var reads: SQL = "p.visibility IN \(list: readable.map(\.rawValue))"
        if archiveApplies, let threshold {
            // GatePolicy.effectiveVisibility: public until `archiveAfterDays` have passed.
            reads = "(" + reads + " AND p.published_at > \(threshold))"
        }
        // One CASE, not `NOT reads AND ...`: SQLite then checks the post (a covering index)
        // before it reads `preview_blocks` from the index's stored row, for gated posts only.
        let blocks: SQL = "\(sqlite: "post_search", postgres: "s").preview_blocks"
        func others(_ condition: SQL) -> SQL { "CASE WHEN " + reads + " THEN FALSE ELSE " + condition + " END" }
        return [
            SearchScope(columns: .all, readers: reads),
            SearchScope(columns: .preview, readers: others(blocks + " <= \(gate.previewBlocks)")),
            SearchScope(columns: .free, readers: others(blocks + " > \(gate.previewBlocks)")),
        ]
    }

    // MARK: SQLite (FTS5)

    /// `post_search MATCH '{columns} : (...)'`: the FTS5 query is built from the parsed words
    /// only, each a quoted string, so no typed text is ever read as FTS5 syntax.
    /// - Parameter columnNames: other columns than the scope's (space-separated); empty for all.
    func sqliteMatch(_ query: SearchQuery, columnNames: String? = nil) -> SQL {
        func quoted(_ term: SearchQuery.Term) -> String {
            "\"" + term.words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var expression = "(" + query.required.map(quoted).joined(separator: " AND ") + ")"
        if !query.excluded.isEmpty {
            expression += " NOT (" + query.excluded.map(quoted).joined(separator: " OR ") + ")"
        }
        let names = columnNames ?? columns.sqliteNames
        if !names.isEmpty { expression = "{\(names)} : (\(expression))" }
        let pairs = SearchPairs.keys(of: query)
        if !pairs.isEmpty {
            // The phrase's pair keys first: posts without them are skipped before any word
            // position is read (``SearchPairs``).
            expression =
                "{pairs} : (" + pairs.map { "\"" + $0 + "\"" }.joined(separator: " AND ") + ") AND "
                + (names.isEmpty ? "(" + expression + ")" : expression)
        }
        return "post_search MATCH \(expression)"
    }

    /// `post_search MATCH` the required terms in any column: the widest match of every scope.
    static func sqliteRequiredMatch(_ query: SearchQuery) -> SQL {
        var required = query
        required.excluded = []
        return SearchScope(columns: .all, readers: "1 = 1").sqliteMatch(required, columnNames: "")
    }

    /// Higher is better: BM25 with a title match worth ten body matches, tags and excerpt four.
    var sqliteScore: SQL { "-bm25(post_search, 10.0, 4.0, 1.0, 1.0, 0.0, 0.0)" }

    /// Higher is better, for a search ranking only its newest matches (from post id `floor`
    /// on): 10 when the title matches, 4 when the tags or excerpt do, both or neither. BM25
    /// counts each term's matches over the whole index first, which for a word in most posts
    /// costs more than the whole search may; these two sets are small and found once.
    static func sqliteWindowScore(_ query: SearchQuery, from floor: Int64) -> SQL {
        func matches(_ column: String) -> SQL {
            let match = SearchScope(columns: .free, readers: "1 = 1").sqliteMatch(query, columnNames: column)
            return "(post_search.rowid IN (SELECT rowid FROM post_search WHERE \(match) AND rowid >= \(floor)))"
        }
        return "(" + matches("title") + " * 10 + " + matches("tags_excerpt") + " * 4)"
    }

    // MARK: PostgreSQL (tsvector)

    /// The query as a `tsquery` built by `plainto_tsquery`/`phraseto_tsquery` from each term's
    /// words folded as the index was (``SearchText/fold(_:)``), bound as parameters: no typed
    /// text is ever parsed as `tsquery` syntax.
    static func tsquery(_ terms: [SearchQuery.Term], excluding excluded: [SearchQuery.Term] = []) -> SQL {
        func one(_ term: SearchQuery.Term) -> SQL {
            switch term {
            case .word(let word): "plainto_tsquery('english', \(SearchText.fold(word)))"
            case .phrase(let words): "phraseto_tsquery('english', \(SearchText.fold(words.joined(separator: " "))))"
            }
        }
        let parts = terms.map(one) + excluded.map { "!!" + one($0) }
        return "(" + SQL.joined(parts, separator: " && ") + ")"
    }

    /// This scope's match, tested on a post the walk found (``SiteStore/walk(_:_:pairs:now:from:below:limit:keep:everyUpTo:)``)
    /// through the GIN index of `vector` (and its phrases' keys): the scope's own vector
    /// decides, with the exclusions (an excluded word in the gated part must not hide a post
    /// either: that would tell as much as finding it, so exclusions apply to the scope's own
    /// vector).
    func postgresMatch(_ query: SearchQuery) -> SQL {
        let full = Self.tsquery(query.required, excluding: query.excluded)
        switch columns {
        case .all: return "s.vector @@ " + full
        case .preview: return "s.free_vector @@ " + full
        case .free:
            return "s.free_vector @@ " + Self.tsquery(query.required) + " AND " + columns.postgresVector + " @@ " + full
        }
    }

    /// Higher is better, for a search ranking only its newest matches: 10 when the title
    /// matches, 4 when the tags or excerpt do (see ``sqliteWindowScore(_:from:)``), for posts
    /// in `range` (a condition on `post_id`). Two GIN lookups of small vectors, found once: no
    /// match's own vector is read.
    static func postgresWindowScore(_ query: SearchQuery, range: SQL) -> SQL {
        // A phrase's words, in any order: a title holding them all counts as a title match.
        // GIN answers that alone, where a phrase would read each match's positions out of
        // TOAST (about 10 µs a post, 24 ms for a phrase in 2,000 titles).
        let required = tsquery(query.required.flatMap { $0.words.map(SearchQuery.Term.word) })
        func matches(_ vector: String) -> SQL {
            "(CASE WHEN s.post_id IN (SELECT post_id FROM post_search WHERE \(raw: vector) @@ " + required + " AND "
                + range + ") THEN 1 ELSE 0 END)"
        }
        return "(" + matches("title_vector") + " * 10 + " + matches("tags_vector") + " * 4)"
    }

    /// Higher is better: cover density over the scope's own vector, with a title lexeme worth
    /// five body ones and tags or excerpt two.
    func postgresScore(_ query: SearchQuery) -> SQL {
        "ts_rank_cd('{0.2, 0.2, 0.4, 1.0}', " + columns.postgresVector + ", " + Self.tsquery(query.required) + ")"
    }
}
