import BylineCore
import Foundation

/// PostgreSQL's side of `/search` (``SiteStore/searchPosts(_:audience:gate:page:)``).
///
/// GIN finds every post holding a word at once and in no order, so a search for a word in
/// most of 100,000 posts used to visit all of them to keep the newest. The index is
/// partitioned by post id (``SearchIndex/rangeSize``): the search walks the ranges newest
/// first and stops once it holds its ``rankWindow`` newest matches, having visited the matches
/// of a range or two. A word in few posts walks them all, which its few matches keep cheap.
extension SiteStore {
    /// A match found by the walk, with what ranks it in the window.
    struct WalkedMatch {
        var match: SearchMatch
        var publishedAt: Date
        /// ``SearchScope/postgresWindowScore(_:range:)``.
        var score: Int

        var id: Int64 { match.id }
    }

    /// PostgreSQL: this page's matches and the count of matches up to ``rankWindow``. The walk
    /// (``walkNewest(_:_:_:pairs:now:newest:keep:)``) finds the reader's newest ``rankWindow`` matches;
    /// when it holds more than ``SearchResults/countLimit`` (or the query has a quoted phrase)
    /// they are ranked as a window is: title, then tags and excerpt, then newest. Fewer are
    /// ranked by cover density over the vectors of the reader's scope.
    static func postgresMatches(
        _ db: any SQLConnection, _ scopes: [SearchScope], _ query: SearchQuery, now: Date, page: PageRequest
    ) throws -> ([SearchMatch], Int) {
        let (planner, newest) = try planThroughIndexes(db)
        let pairs = try PostgresPhraseKeys.of(query, db)
        let (best, counted) = try walkNewest(
            db, scopes, query, pairs: pairs, now: now, newest: newest, keep: page.offset + page.perPage)
        let matches: [SearchMatch]
        if counted > SearchResults.countLimit || !pairs.keys.isEmpty {
            let ranked = best.sorted { ($0.score, $0.publishedAt, $0.id) > ($1.score, $1.publishedAt, $1.id) }
            matches = ranked.dropFirst(page.offset).prefix(page.perPage).map(\.match)
        } else if best.isEmpty {
            matches = []
        } else {
            // Every match came back (``walk(_:_:pairs:now:from:below:limit:keep:everyUpTo:)``): few enough to rank by their vectors.
            matches = try db.fetchAll(
                """
                SELECT id, scope FROM (\(union(scopes, query, .postgres, now: now, among: best.map(\.id)))) u
                ORDER BY score DESC, published_at DESC, id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
                """
            ).map(SearchMatch.init(row:))
        }
        try restorePlanner(db, planner)
        return (matches, counted)
    }

    /// The reader's newest ``rankWindow`` matches (fewer when fewer match), walked newest first
    /// in one query per stretch of whole ranges: the best `keep` of each stretch by window rank
    /// (every match, while all the matches so far are no more than ``SearchResults/countLimit``
    /// and the query has no phrase: cover density may rank them then), and how many there are.
    /// The first stretch holds the newest ``SearchIndex/rangeSize`` post ids; each next one is
    /// as long as the matches still wanted need at the rate met so far (matches per post id
    /// walked), and half again; all that is left when nothing matched yet.
    static func walkNewest(
        _ db: any SQLConnection, _ scopes: [SearchScope], _ query: SearchQuery, pairs: PostgresPhraseKeys, now: Date,
        newest: Int64, keep: Int
    ) throws -> (best: [WalkedMatch], counted: Int) {
        let size = SearchIndex.rangeSize
        // The first stretch holds a whole range of posts: the newest range alone may hold one.
        var below = (newest / size + 1) * size
        var from = max(0, (newest + 1 - size) / size * size)
        var best: [WalkedMatch] = []
        var counted = 0
        while counted < rankWindow {
            let limit = rankWindow - counted
            var walked = 0
            var lowest: Int64?
            var stretchCounted = 0
            // Every match is needed only while cover density may rank them all (see ``postgresMatches``):
            // a stretch past that returns its best `keep`, not up to a thousand rows to decode.
            let everyUpTo = pairs.keys.isEmpty ? SearchResults.countLimit - counted : 0
            for row in try db.fetchAll(
                walk(
                    scopes, query, pairs: pairs, now: now, from: from, below: below, limit: limit, keep: keep,
                    everyUpTo: everyUpTo))
            {
                // The same on every row of the stretch.
                walked = try row["walked"]
                lowest = try row["lowest"]
                // No id: nothing in the stretch is the reader's.
                guard let id: Int64 = try row["id"], let scope: Int = try row["scope"] else { continue }
                stretchCounted = try row["counted"]
                best.append(
                    WalkedMatch(
                        match: SearchMatch(id: id, scope: scope), publishedAt: try row["published_at"],
                        score: try row["score"]))
            }
            counted += stretchCounted
            if walked == limit, let lowest {
                // The stretch holds more matches than were asked for: on below the last one.
                below = lowest
                continue
            }
            below = from
            guard below > 0 else { break }
            let wanted = Double(rankWindow - counted)
            let rate = Double(counted) / Double(newest + 1 - below)
            let span = rate > 0 ? min(below, Int64((wanted / rate * 1.5).rounded(.up))) : below
            from = max(0, below - max(size, (span + size - 1) / size * size))
        }
        return (best, counted)
    }

    /// Published posts `from` up to `below` matching `query`'s required terms in any column, the
    /// newest `limit` of them, as rows: `walked` (how many that is) and `lowest` (the oldest one's id)
    /// on every row; the reader's matches among them, the best `keep` by window rank (all of
    /// them when they are no more than `everyUpTo`), as `id`, `scope`,
    /// `published_at`, `score` and `counted` (how many are the reader's); one row with no id
    /// when none is. GIN finds the matches of the ranges in the stretch only (partition
    /// pruning); publication is read from the index itself (``SearchIndex``), no `posts` row.
    ///
    /// Quoted phrases take their candidates from the pair keys (`pairs`), no post's vector
    /// read. When the keys decide the phrases, the candidates are the matches. Otherwise their
    /// words' positions are checked in those candidates only: tested in the select list, since
    /// a test in the `WHERE` would let the planner ask GIN again and check every post holding
    /// the words, candidates or not.
    static func walk(
        _ scopes: [SearchScope], _ query: SearchQuery, pairs: PostgresPhraseKeys, now: Date, from: Int64,
        below: Int64, limit: Int, keep: Int, everyUpTo: Int
    ) -> SQL {
        let range: SQL = "post_id >= \(from) AND post_id < \(below)"
        // Published posts only (``SiteStore/isPublic(_:)``, read from the index): a draft is
        // neither a match nor a step of the walk.
        let published: SQL = "s.status = 'published' AND s.published_at <= \(now) AND "
        // Every post of the stretch holds the phrases' keys already: the scopes test their own
        // vectors, not the keys again (read out of TOAST for each post).
        let scope = scopeCase(scopes, query) { $0.postgresMatch(query) }
        // Only the vectors a scope will test are carried through the sort of the stretch (up to
        // ten thousand rows for a common word): `vector` when words are excluded, `free_vector`
        // for a post the reader may not read whole. Their TOAST pointers made that sort a
        // quarter slower; a value is read only when tested.
        let whole = scopes.filter { $0.columns == .all }.map(\.readers)
        let vector: SQL = query.excluded.isEmpty ? "NULL::tsvector" : "s.vector"
        let freeVector: SQL =
            whole.count == scopes.count
            ? "NULL::tsvector"
            : whole.first.map { "CASE WHEN " + $0 + " THEN NULL ELSE s.free_vector END" } ?? "s.free_vector"
        let columns: SQL =
            "s.post_id, s.preview_blocks, " + vector + " AS vector, " + freeVector
            + " AS free_vector, s.published_at, s.visibility"
        // `p`: the publication the index keeps, named as the readers' conditions name `posts`.
        let publication: SQL =
            "CROSS JOIN LATERAL (SELECT s.published_at AS published_at, s.visibility AS visibility) p"
        // The CTE is named `s` as `post_search` is elsewhere, so each scope's match reads its columns.
        let candidates: SQL
        if pairs.keys.isEmpty || pairs.decide {
            // Decided by the keys, only the plain words are left to find (by GIN, as the keys).
            let words = query.required.filter { !$0.isPhrase }
            let found: SQL =
                pairs.keys.isEmpty
                ? "s.vector @@ " + SearchScope.tsquery(query.required) + " AND "
                : pairs.decidedCondition(query)
                    + (words.isEmpty ? "" : "s.vector @@ " + SearchScope.tsquery(words) + " AND ")
            candidates = """
                s AS MATERIALIZED (
                    SELECT \(columns) FROM post_search s \(publication) WHERE \(found)\(published)s.\(range)
                    ORDER BY s.post_id DESC LIMIT \(limit)
                ), c AS (SELECT post_id FROM s)
                """
        } else {
            candidates = """
                c AS MATERIALIZED (
                    SELECT s.post_id FROM post_search s WHERE \(pairs.condition)\(published)s.\(range)
                    ORDER BY s.post_id DESC LIMIT \(limit)
                ), h AS MATERIALIZED (
                    SELECT \(columns), s.vector @@ \(SearchScope.tsquery(query.required)) AS holds
                    FROM post_search s \(publication)
                    WHERE s.post_id = ANY(ARRAY(SELECT post_id FROM c)) AND s.\(range)
                ), s AS (SELECT * FROM h WHERE holds)
                """
        }
        return """
            WITH \(candidates), w AS (
                SELECT s.post_id AS id, \(scope) AS scope, p.published_at AS published_at,
                    \(SearchScope.postgresWindowScore(query, range: range)) AS score
                FROM s \(publication)
            ), r AS (
                SELECT w.*, COUNT(scope) OVER () AS counted,
                    ROW_NUMBER() OVER (ORDER BY scope IS NULL, score DESC, published_at DESC, id DESC) AS place
                FROM w
            )
            SELECT t.walked, t.lowest, r.id, r.scope, r.published_at, r.score, r.counted
            FROM (SELECT COUNT(*) AS walked, MIN(post_id) AS lowest FROM c) t
            LEFT JOIN r ON r.scope IS NOT NULL AND (r.place <= \(keep) OR r.counted <= \(everyUpTo))
            """
    }

    /// Turns (for the rest of this read's transaction) the planner's sequential and plain index
    /// scans off, and its parallel workers; returns the values they had, for
    /// ``restorePlanner(_:_:)``. It counts testing a vector as cheap, so for a short id range it
    /// would walk the primary key and read each post's vector out of TOAST (about 5 µs each)
    /// rather than ask GIN; and it would start parallel workers for a walk that stops early.
    /// One statement (`set_config`, local to the transaction), not one per setting, which also
    /// reads the newest post id the walk starts from: each statement is a round trip of every
    /// search.
    static func planThroughIndexes(_ db: any SQLConnection) throws -> (saved: [String], newest: Int64) {
        let row = try db.fetchOne(
            """
            WITH before AS MATERIALIZED (
                SELECT current_setting('enable_seqscan') AS a, current_setting('enable_indexscan') AS b,
                    current_setting('max_parallel_workers_per_gather') AS c, (SELECT MAX(id) FROM posts) AS newest
            )
            SELECT before.*, set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
                set_config('max_parallel_workers_per_gather', '0', true)
            FROM before
            """)
        guard let row else { return ([], 0) }
        return (try ["a", "b", "c"].map { try row[$0] as String }, try row["newest"] ?? 0)
    }

    /// Gives the settings ``planThroughIndexes(_:)`` changed the values it returned. Reading
    /// them from `pg_settings` instead costs a millisecond: the view lists every setting.
    static func restorePlanner(_ db: any SQLConnection, _ values: [String]) throws {
        guard values.count == 3 else { return }
        try db.execute(
            """
            SELECT set_config('enable_seqscan', \(values[0]), true), set_config('enable_indexscan', \(values[1]), true),
                set_config('max_parallel_workers_per_gather', \(values[2]), true)
            """)
    }
}
