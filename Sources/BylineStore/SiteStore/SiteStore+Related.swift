import BylineCore
import Foundation

/// Related lists: writes mark, a job recomputes (``RelatedRefresh``), pages read one list.
///
/// Every post write (import, newsroom save of a public post, publish, unpublish, schedule,
/// delete, the scheduler's round) calls ``markRelatedStale(_:postID:)`` in its own transaction:
/// one small row. So a crash never loses a mark, and a 100,000-post import costs one insert per
/// post here; the ranking runs later, in batches, in every node's ``RelatedRefresher``.
extension SiteStore: RelatedLists, RelatedReading {
    /// Marks post `postID`'s list (and, through its refresh, its neighbours') for recomputing.
    static func markRelatedStale(_ db: any SQLConnection, postID: Int64) throws {
        try db.execute(
            """
            INSERT INTO related_stale (post_id, changed) VALUES (\(postID), 1)
            ON CONFLICT (post_id) DO UPDATE SET changed = 1
            """)
    }

    /// After a restore: the derived tables start again from the restored posts.
    static func resetRelatedLists(_ db: any SQLConnection) throws {
        for table in ["related_posts", "related_terms", "related_term_counts", "related_vectors", "related_stale"] {
            try db.execute("DELETE FROM \(raw: table)")
        }
        try db.execute(
            "INSERT INTO related_stale (post_id, changed) SELECT id, 1 FROM posts WHERE status = 'published'")
    }

    public func refreshRelatedLists(limit: Int) async throws -> Int {
        let now = clock.now()
        // A plain read first: an idle refresher never opens a write transaction.
        let anyMarked = try await engine.read { db in
            try db.value("SELECT 1 FROM related_stale LIMIT 1", as: Int.self) != nil
        }
        guard anyMarked else { return 0 }
        return try await engine.longWrite { db in
            // PostgreSQL: two nodes' jobs running at once take different posts.
            let marks = try db.fetchAll(
                """
                SELECT post_id, changed FROM related_stale ORDER BY post_id
                LIMIT \(max(limit, 1))\(sqlite: "", postgres: " FOR UPDATE SKIP LOCKED")
                """)
            guard !marks.isEmpty else { return 0 }
            var refresh = RelatedRefresh(db: db)
            var touched: Set<ChangeKey> = []
            for mark in marks {
                let id: Int64 = try mark["post_id"]
                // Taken off first: a neighbour later in the batch may mark it again.
                try db.execute("DELETE FROM related_stale WHERE post_id = \(id)")
                let lists = try refresh.refresh(id, changed: (try mark["changed"] as Int) != 0)
                touched.formUnion(lists.map(ChangeKey.post))
            }
            // A list shows on its post's page: every node drops its cached copies.
            if !touched.isEmpty { try Self.recordChange(db, touched, now: now) }
            return marks.count
        }
    }

    public func staleRelatedListCount() async throws -> Int {
        try await engine.read { db in try db.value("SELECT COUNT(*) FROM related_stale") ?? 0 }
    }

    public func relatedList(of id: Int64) async throws -> [RelatedRanking.Match] {
        try await engine.read { db in
            try db.fetchAll("SELECT related_id, score FROM related_posts WHERE post_id = \(id) ORDER BY rank").map {
                RelatedRanking.Match(id: try $0["related_id"], score: try $0["score"])
            }
        }
    }

    /// One read: the list's public posts joined in rank order (their tags in a second, indexed
    /// query, as every listing reads them); the tag rule only when the post has no list yet.
    public func relatedStories(to post: Post, limit: Int) async throws -> RelatedStories {
        let now = clock.now()
        let ranked = try await engine.read { db in
            try Self.summaries(
                db,
                """
                SELECT \(Self.summaryColumns) FROM related_posts r JOIN posts p ON p.id = r.related_id
                JOIN authors a ON a.id = p.author_id
                WHERE r.post_id = \(post.id) AND \(Self.isPublic(now)) ORDER BY r.rank
                """)
        }
        guard ranked.isEmpty else { return RelatedStories(ranked: ranked, fallback: []) }
        return RelatedStories(ranked: [], fallback: try await relatedPosts(to: post, limit: limit))
    }
}
