import BylineCore
import Foundation

/// `/search`: one ranked query over the search index (``SearchIndex``) joined to `posts` for
/// publication and visibility. The gate is applied in the query: the index is searched in
/// up to three parts (``SearchScope``), each matching only the columns its readers may read,
/// so a word in the gated part of a post neither finds it, nor ranks it, nor is quoted from it,
/// for a reader who may not read that part.
///
/// Ranking scores every match, which a word in most of 100,000 posts makes slow; such a search
/// (more than ``SearchResults/countLimit`` matches) ranks only its ``rankWindow`` newest
/// matches, found by walking the index in id order, which stops early. A news site's common
/// words are best answered by recent stories anyway; the page says "more than 1,000 results".
extension SiteStore: PostSearching {
    /// The newest matches a search with more than ``SearchResults/countLimit`` matches ranks.
    public static let rankWindow = 2_000

    public func searchPosts(_ query: SearchQuery, audience: Audience, gate: GateSettings, page: PageRequest)
        async throws -> SearchResults
    {
        guard !query.isEmpty else {
            return SearchResults(
                page: Page(items: [], number: page.number, totalItems: 0, perPage: page.perPage), isCountCapped: false)
        }
        let now = clock.now()
        let scopes = SearchScope.scopes(for: audience, gate: gate, now: now)
        return try await engine.read { db in
            let (rows, counted) =
                try db.dialect == .sqlite
                ? Self.sqliteMatches(db, scopes, query, now: now, page: page)
                : Self.postgresMatches(db, scopes, query, now: now, page: page)
            let ids = try rows.map { try $0["id"] as Int64 }
            let scopeOf = try rows.reduce(into: [Int64: Int]()) { $0[try $1["id"]] = try $1["scope"] as Int }
            let texts = try db.fetchAll(
                """
                SELECT \(sqlite: "rowid", postgres: "post_id") AS id, preview, rest FROM post_search
                WHERE \(sqlite: "rowid", postgres: "post_id") IN \(list: ids)
                """
            ).reduce(into: [Int64: (String, String)]()) { $0[try $1["id"]] = (try $1["preview"], try $1["rest"]) }
            let hits = try Self.summaries(db, ids: ids).map { post in
                let (preview, rest) = texts[post.id] ?? ("", "")
                let scope = SearchScope.Columns(rawValue: scopeOf[post.id] ?? 0) ?? .free
                return SearchHit(post: post, text: scope.readableText(post, preview: preview, rest: rest))
            }
            return SearchResults(
                page: Page(
                    items: hits, number: page.number, totalItems: min(counted, SearchResults.countLimit),
                    perPage: page.perPage),
                isCountCapped: counted > SearchResults.countLimit)
        }
    }

    /// SQLite: this page's rows (`id`, `scope`) and the count of matches up to
    /// ``SearchResults/countLimit`` + 1. The window's rough floor comes first: a walk from the
    /// newest match that stops at the ``rankWindow``-th. Without one, every match is ranked by
    /// BM25; with one, the matches from it on are counted (a walk that stops at the limit) and
    /// the newest ``rankWindow`` of them ranked, in a walk from the newest that stops there.
    static func sqliteMatches(
        _ db: any SQLConnection, _ scopes: [SearchScope], _ query: SearchQuery, now: Date, page: PageRequest
    ) throws -> ([SQLRow], Int) {
        let order: SQL = "ORDER BY score DESC, published_at DESC, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)"
        func count(_ matches: SQL) throws -> Int {
            try db.value("SELECT COUNT(*) FROM (SELECT 1 FROM (\(matches)) m LIMIT \(SearchResults.countLimit + 1)) c")
                ?? 0
        }
        if let floor = try windowFloor(db, query, columns: scopes.count == 1 ? .all : .preview) {
            let counted = try count(window(scopes, query, .sqlite, now: now, from: floor, scored: false))
            // Few matches from the floor on are this reader's (a site gating most posts): the
            // reader's newest ``rankWindow`` lie further back, so every match is ranked.
            if counted > SearchResults.countLimit {
                // The floor's range may hold more than ``rankWindow`` of this reader's matches
                // (public posts matching in their body only): the newest of them are ranked.
                let rows = try db.fetchAll(
                    """
                    SELECT id, scope FROM (
                        SELECT * FROM (\(window(scopes, query, .sqlite, now: now, from: floor))) w
                        ORDER BY id DESC LIMIT \(rankWindow)
                    ) n \(order)
                    """)
                return (rows, counted)
            }
        }
        // One walk gives each match its scope (``window(_:_:_:now:from:scored:)``); BM25 needs
        // a walk per scope, each matching only its columns, so that the gated text of a post
        // does not rank it. BM25 also first counts, over the whole index, the posts holding each
        // phrase, which reads the word positions of every post holding its words: a quoted
        // phrase is ranked as a window is (title, then tags and excerpt, then newest).
        let ranked =
            SearchPairs.keys(of: query).isEmpty
            ? union(scopes, query, .sqlite, now: now, ranked: true)
            : window(scopes, query, .sqlite, now: now, from: 0)
        return (
            try db.fetchAll("SELECT id, scope FROM (\(ranked)) u \(order)"),
            try count(window(scopes, query, .sqlite, now: now, from: 0, scored: false))
        )
    }

    /// PostgreSQL: this page's rows (`id`, `scope`) and the count of matches up to
    /// ``SearchResults/countLimit`` + 1: one walk counts, and a search with more matches ranks
    /// only the window from its floor (the ``rankWindow``-th newest match in the reader's
    /// widest columns).
    static func postgresMatches(
        _ db: any SQLConnection, _ scopes: [SearchScope], _ query: SearchQuery, now: Date, page: PageRequest
    ) throws -> ([SQLRow], Int) {
        let counted: Int =
            try db.value(
                """
                SELECT COUNT(*) FROM (SELECT id FROM (\(window(scopes, query, .postgres, now: now, from: nil))) u
                LIMIT \(SearchResults.countLimit + 1)) c
                """) ?? 0
        let floor =
            counted > SearchResults.countLimit
            ? try windowFloor(db, query, columns: scopes.count == 1 ? .all : .preview) : nil
        let ranked =
            if let floor {
                window(scopes, query, .postgres, now: now, from: floor)
            } else {
                union(scopes, query, .postgres, now: now, ranked: true)
            }
        let rows = try db.fetchAll(
            """
            SELECT id, scope FROM (\(ranked)) u
            ORDER BY score DESC, published_at DESC, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
            """)
        return (rows, counted)
    }

    /// The lowest post id among the ``rankWindow`` newest (highest id) posts matching `query` in
    /// `columns`; nil when fewer match. Columns a reader may search only: the window must not
    /// move with text the reader may not read.
    static func windowFloor(_ db: any SQLConnection, _ query: SearchQuery, columns: SearchScope.Columns) throws
        -> Int64?
    {
        let scope = SearchScope(columns: columns, readers: "1 = 1")
        let sql: SQL =
            db.dialect == .sqlite
            ? "SELECT rowid FROM post_search WHERE \(scope.sqliteMatch(query)) ORDER BY rowid DESC"
            : "SELECT s.post_id FROM post_search s WHERE \(scope.postgresMatch(query)) ORDER BY s.post_id DESC"
        return try db.value(sql + " LIMIT 1 OFFSET \(rankWindow - 1)")
    }

    /// The matches (of post ids from `floor` on, when given) as rows `id, scope, published_at`
    /// (and `score`, ``SearchScope/sqliteWindowScore(_:from:)``, when `floor` is given), found
    /// by one walk over every column for the required terms; each post is then given the first
    /// scope whose readers it has and kept only if its scope's own match (its columns, with the
    /// exclusions) holds (SQLite: a set found once per scope, only when a post of that scope is
    /// met). Three walks, one per scope, each joining every match to `posts`, cost three times
    /// as much for the same rows.
    static func window(
        _ scopes: [SearchScope], _ query: SearchQuery, _ dialect: SQLDialect, now: Date, from floor: Int64?,
        scored: Bool = true
    ) -> SQL {
        let cases = scopes.map { scope -> SQL in
            let number: SQL = "\(raw: String(scope.columns.rawValue))"
            let kept: SQL
            if scope.columns == .all && query.excluded.isEmpty {
                // The walk itself is this scope's match: every column, no exclusion.
                kept = number
            } else if dialect == .sqlite {
                kept =
                    "CASE WHEN post_search.rowid IN (SELECT rowid FROM post_search WHERE \(scope.sqliteMatch(query))"
                    + " AND rowid >= \(floor ?? 0)) THEN " + number + " END"
            } else {
                kept = "CASE WHEN " + scope.postgresMatch(query) + " THEN " + number + " END"
            }
            return " WHEN " + scope.readers + " THEN " + kept
        }
        let scope: SQL = "CASE" + SQL.joined(cases, separator: "") + " END"
        let lowest = floor ?? 0
        switch dialect {
        case .sqlite:
            let score: SQL =
                floor.map { scored ? ", " + SearchScope.sqliteWindowScore(query, from: $0) + " AS score" : "" } ?? ""
            // `post_search.rowid`, not the equal `p.id`: ordered by it, the walk runs in that order.
            return """
                SELECT * FROM (
                    SELECT post_search.rowid AS id, \(scope) AS scope, p.published_at AS published_at\(score)
                    FROM post_search CROSS JOIN posts p INDEXED BY posts_search_gate ON p.id = post_search.rowid
                    WHERE \(SearchScope.sqliteRequiredMatch(query)) AND \(isPublic(now))
                        AND post_search.rowid >= \(lowest) AND p.id >= \(lowest)
                ) w WHERE scope IS NOT NULL
                """
        case .postgres:
            let score: SQL = floor == nil || !scored ? "" : ", " + SearchScope.postgresWindowScore(query) + " AS score"
            return """
                SELECT * FROM (
                    SELECT p.id AS id, \(scope) AS scope, p.published_at AS published_at\(score)
                    FROM post_search s JOIN posts p ON p.id = s.post_id
                    WHERE \(SearchScope.postgresPairs(query))s.vector @@ \(SearchScope.tsquery(query.required))
                        AND \(isPublic(now))
                        AND s.post_id >= \(lowest) AND p.id >= \(lowest)
                ) w WHERE scope IS NOT NULL
                """
        }
    }

    /// Every scope's matches as rows `id, scope, published_at` (and `score` when `ranked`): the
    /// search below the window's size, where each scope's walk stops at the count's limit and
    /// full BM25 / cover density ranks the whole set (bigger sets go through ``window(_:_:_:now:from:scored:)``).
    static func union(
        _ scopes: [SearchScope], _ query: SearchQuery, _ dialect: SQLDialect, now: Date, ranked: Bool
    ) -> SQL {
        SQL.joined(
            scopes.map { scope in
                let match = dialect == .sqlite ? scope.sqliteMatch(query) : scope.postgresMatch(query)
                let score: SQL =
                    !ranked
                    ? "" : ", " + (dialect == .postgres ? scope.postgresScore(query) : scope.sqliteScore) + " AS score"
                // SQLite: CROSS JOIN keeps this order, so the full-text match runs once and
                // finds the rows, rather than once for every post the planner might walk first.
                let from: SQL =
                    dialect == .sqlite
                    ? "post_search CROSS JOIN posts p INDEXED BY posts_search_gate ON p.id = post_search.rowid"
                    : "post_search s JOIN posts p ON p.id = s.post_id"
                return """
                    SELECT p.id AS id, \(raw: String(scope.columns.rawValue)) AS scope, p.published_at AS published_at\(score)
                    FROM \(from)
                    WHERE \(match) AND \(isPublic(now)) AND \(scope.readers)
                    """
            }, separator: " UNION ALL ")
    }
}
