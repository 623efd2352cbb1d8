/// Published posts per tag, per author and in all, kept current on every write so listings and
/// the navigation never count rows at read time. A `scheduled` post counts from when the
/// scheduler publishes it (``SiteStore/publishDuePosts()``). A `published` post dated in the
/// future (an import that states both) counts already; readers subtract those (an index range).
enum PostCounts {
    /// The `counters` row with the number of published posts.
    static let publishedPosts = "published_posts"

    /// Moves a published post's counts: out of where it was (nil: it was not published or did not
    /// exist), into where it is now (nil: it is not published).
    static func adjust(
        _ db: any SQLConnection, removing before: TouchedKeys.Placement?, adding after: TouchedKeys.Placement?
    ) throws {
        if let before { try add(db, -1, at: before) }
        if let after { try add(db, 1, at: after) }
    }

    private static func add(_ db: any SQLConnection, _ delta: Int, at placement: TouchedKeys.Placement) throws {
        try db.execute("UPDATE authors SET post_count = post_count + \(delta) WHERE id = \(placement.authorID)")
        if !placement.tagIDs.isEmpty {
            try db.execute("UPDATE tags SET post_count = post_count + \(delta) WHERE id IN \(list: placement.tagIDs)")
        }
        try db.execute("UPDATE counters SET value = value + \(delta) WHERE name = \(publishedPosts)")
    }

    /// Counts everything again from the posts: after a restore.
    static func recount(_ db: any SQLConnection) throws {
        try db.execute(
            """
            UPDATE post_tags SET status = (SELECT p.status FROM posts p WHERE p.id = post_tags.post_id),
                published_at = (SELECT p.published_at FROM posts p WHERE p.id = post_tags.post_id)
            """)
        try db.execute(
            """
            UPDATE tags SET post_count = (SELECT COUNT(*) FROM post_tags pt
                WHERE pt.tag_id = tags.id AND pt.status = 'published')
            """)
        try db.execute(
            """
            UPDATE authors SET post_count = (SELECT COUNT(*) FROM posts p
                WHERE p.author_id = authors.id AND p.status = 'published')
            """)
        try db.execute(
            """
            UPDATE counters SET value = (SELECT COUNT(*) FROM posts WHERE status = 'published')
            WHERE name = \(publishedPosts)
            """)
    }
}
