import BylineCore
import Foundation

/// `/search`: one ranked query over the search index (``SearchIndex``) and each match's
/// publication and visibility (SQLite: joined from `posts`; PostgreSQL: kept in the index).
/// The gate is applied in the query: the index is searched in
/// up to three parts (``SearchScope``), each matching only the columns its readers may read,
/// so a word in the gated part of a post neither finds it, nor ranks it, nor is quoted from it,
/// for a reader who may not read that part.
///
/// Ranking scores every match, which a word in most of 100,000 posts makes slow; such a search
/// (more than ``SearchResults/countLimit`` matches) ranks only its ``rankWindow`` newest
/// matches, found by walking the index from the newest post, which stops early (SQLite: FTS5
/// in id order; PostgreSQL: the index's id ranges, newest first, ``postgresMatches(_:_:_:now:page:)``).
/// A news site's common words are best answered by recent stories anyway; the page says
/// "more than 1,000 results".
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
            let ids = rows.map(\.id)
            let scopeOf = Dictionary(rows.map { ($0.id, $0.scope) }, uniquingKeysWith: { first, _ in first })
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
    /// BM25; with one, the newest ``rankWindow`` matches from it on are ranked. Either way one
    /// walk both ranks and counts (`COUNT(*) OVER ()` before the page's `LIMIT`): a second walk
    /// for the count costs a fifth of the search.
    static func sqliteMatches(
        _ db: any SQLConnection, _ scopes: [SearchScope], _ query: SearchQuery, now: Date, page: PageRequest
    ) throws -> ([SearchMatch], Int) {
        func ranked(_ matches: SQL) throws -> ([SearchMatch], Int)? {
            let rows = try db.fetchAll(
                """
                SELECT id, scope, COUNT(*) OVER () AS counted FROM (\(matches)) m
                ORDER BY score DESC, published_at DESC, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
                """)
            // A page past the last match has no row to carry the count.
            guard let first = rows.first else { return nil }
            return (try rows.map(SearchMatch.init(row:)), try first["counted"])
        }
        if let floor = try windowFloor(db, query, columns: scopes.count == 1 ? .all : .preview) {
            // The floor's range may hold more than ``rankWindow`` of this reader's matches
            // (public posts matching in their body only): the newest of them are ranked.
            let newest: SQL =
                "SELECT * FROM (\(window(scopes, query, now: now, from: floor))) w ORDER BY id DESC LIMIT \(rankWindow)"
            if let (rows, counted) = try ranked(newest) {
                if counted > SearchResults.countLimit { return (rows, counted) }
            } else {
                // The page lies past the window: only the count is wanted.
                let counted = try count(db, window(scopes, query, now: now, from: floor, scored: false))
                if counted > SearchResults.countLimit { return ([], counted) }
            }
            // Few matches from the floor on are this reader's (a site gating most posts): the
            // reader's newest ``rankWindow`` lie further back, so every match is ranked.
        }
        // One walk gives each match its scope (``window(_:_:now:from:scored:)``); BM25 needs
        // a walk per scope, each matching only its columns, so that the gated text of a post
        // does not rank it. BM25 also first counts, over the whole index, the posts holding each
        // phrase, which reads the word positions of every post holding its words: a quoted
        // phrase is ranked as a window is (title, then tags and excerpt, then newest).
        let all =
            SearchPairs.keys(of: query).isEmpty
            ? union(scopes, query, .sqlite, now: now)
            : window(scopes, query, now: now, from: 0)
        if let result = try ranked(all) { return result }
        return ([], try count(db, window(scopes, query, now: now, from: 0, scored: false)))
    }

    /// How many rows `matches` has, counting no further than ``SearchResults/countLimit`` + 1.
    static func count(_ db: any SQLConnection, _ matches: SQL) throws -> Int {
        try db.value("SELECT COUNT(*) FROM (SELECT 1 FROM (\(matches)) m LIMIT \(SearchResults.countLimit + 1)) c")
            ?? 0
    }

    /// SQLite: the lowest post id among the ``rankWindow`` newest (highest id) posts matching
    /// `query` in `columns`; nil when fewer match. Columns a reader may search only: the window
    /// must not move with text the reader may not read.
    static func windowFloor(_ db: any SQLConnection, _ query: SearchQuery, columns: SearchScope.Columns) throws
        -> Int64?
    {
        let scope = SearchScope(columns: columns, readers: "1 = 1")
        return try db.value(
            """
            SELECT rowid FROM post_search WHERE \(scope.sqliteMatch(query)) ORDER BY rowid DESC
            LIMIT 1 OFFSET \(rankWindow - 1)
            """)
    }

    /// SQLite: the matches of post ids from `floor` on as rows `id, scope, published_at` (and
    /// `score`, ``SearchScope/sqliteWindowScore(_:from:)``, when `scored`), found by one walk
    /// over every column for the required terms (``scopeCase(_:_:match:)``, each scope's own
    /// match a set found once, only when a post of that scope is met). Three walks, one per
    /// scope, each joining every match to `posts`, cost three times as much for the same rows.
    static func window(
        _ scopes: [SearchScope], _ query: SearchQuery, now: Date, from floor: Int64, scored: Bool = true
    ) -> SQL {
        let scope = scopeCase(scopes, query) { scope in
            "post_search.rowid IN (SELECT rowid FROM post_search WHERE \(scope.sqliteMatch(query)) AND rowid >= \(floor))"
        }
        let score: SQL = scored ? ", " + SearchScope.sqliteWindowScore(query, from: floor) + " AS score" : ""
        // `post_search.rowid`, not the equal `p.id`: ordered by it, the walk runs in that order.
        return """
            SELECT * FROM (
                SELECT post_search.rowid AS id, \(scope) AS scope, p.published_at AS published_at\(score)
                FROM post_search CROSS JOIN posts p INDEXED BY posts_search_gate ON p.id = post_search.rowid
                WHERE \(SearchScope.sqliteRequiredMatch(query)) AND \(isPublic(now))
                    AND post_search.rowid >= \(floor) AND p.id >= \(floor)
            ) w WHERE scope IS NOT NULL
            """
    }

    /// The scope of a post found by a walk over every column for the required terms: the first
    /// scope whose readers it has, kept (its number, else NULL) only if that scope's own `match`
    /// (its columns, with the exclusions) holds.
    static func scopeCase(_ scopes: [SearchScope], _ query: SearchQuery, match: (SearchScope) -> SQL) -> SQL {
        let cases = scopes.map { scope -> SQL in
            let number: SQL = "\(raw: String(scope.columns.rawValue))"
            // With every column and no exclusion, the walk itself is this scope's match.
            let kept =
                scope.columns == .all && query.excluded.isEmpty
                ? number : "CASE WHEN " + match(scope) + " THEN " + number + " END"
            return " WHEN " + scope.readers + " THEN " + kept
        }
        return "CASE" + SQL.joined(cases, separator: "") + " END"
    }

    /// Every scope's matches as rows `id, scope, published_at, score`: the search below the
    /// window's size, where full BM25 / cover density ranks the whole set (bigger sets go
    /// through ``window(_:_:now:from:scored:)`` or, on PostgreSQL, ``walk(_:_:pairs:now:from:below:limit:keep:everyUpTo:)``).
    /// - Parameter ids: when given, only these posts (PostgreSQL ranks the matches its walk found).
    static func union(
        _ scopes: [SearchScope], _ query: SearchQuery, _ dialect: SQLDialect, now: Date, among ids: [Int64]? = nil
    ) -> SQL {
        SQL.joined(
            scopes.map { scope in
                // PostgreSQL ranks here the matches its walk found, by id.
                let match = dialect == .sqlite ? scope.sqliteMatch(query) : scope.postgresMatch(query)
                let score = dialect == .postgres ? scope.postgresScore(query) : scope.sqliteScore
                // SQLite: CROSS JOIN keeps this order, so the full-text match runs once and
                // finds the rows, rather than once for every post the planner might walk first.
                let from: SQL =
                    dialect == .sqlite
                    ? "post_search CROSS JOIN posts p INDEXED BY posts_search_gate ON p.id = post_search.rowid"
                    : "post_search s JOIN posts p ON p.id = s.post_id"
                return """
                    SELECT p.id AS id, \(raw: String(scope.columns.rawValue)) AS scope, p.published_at AS published_at, \(score) AS score
                    FROM \(from)
                    WHERE \(match) AND \(isPublic(now)) AND \(scope.readers)\(ids.map { " AND p.id IN \(list: $0)" } ?? "")
                    """
            }, separator: " UNION ALL ")
    }
}
