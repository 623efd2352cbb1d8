import BylineCore
import Foundation
import PostgresNIO

/// Write paths. Each public method is one transaction, retried as a whole when a writer on
/// another node conflicts with it (see ``write(_:)``).
extension PostgresStore {
    /// The first key of `pg_advisory_xact_lock(int, int)` for "saving this title"; the second is
    /// the title key's hash.
    static let titleLockClass: Int32 = 0x6279_6C6E

    public func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost {
        let plan = try PostWritePlan(input, now: clock.now())
        return try await write { db in
            let now = plan.now
            // Title keys are not unique in the schema: two nodes saving one new title must take
            // turns, or each would create the post.
            try await db.execute("SELECT pg_advisory_xact_lock(\(Self.titleLockClass), hashtext(\(plan.titleKey)))")
            let authorID = try await Self.findOrCreateAuthor(db, plan: plan)
            let existing = try await db.row(
                """
                SELECT id, slug, published_at, author_id, title_key FROM posts WHERE title_key = \(plan.titleKey)
                ORDER BY id LIMIT 1 FOR UPDATE
                """)
            let before = try await existing.asyncMap { try await Self.placement(db, row: $0) }
            let saved: SavedPost
            if let existing {
                let id: Int64 = try existing.value("id")
                let publishedAt = plan.publishedAt(existing: try existing.value("published_at"))
                try await db.execute(
                    """
                    UPDATE posts SET title = \(input.title), title_key = \(plan.titleKey),
                        body = \(input.body.storedText), excerpt = \(plan.excerpt), status = \(input.status.rawValue),
                        visibility = \(input.visibility.rawValue), published_at = \(publishedAt), updated_at = \(now),
                        author_id = \(authorID), stated_reading_minutes = \(input.statedReadingMinutes),
                        reading_minutes = \(plan.readingMinutes)
                    WHERE id = \(id)
                    """)
                saved = SavedPost(id: id, slug: try existing.value("slug"), title: input.title, outcome: .updated)
            } else {
                let slug = try await Self.uniqueSlug(db, base: plan.postSlugBase, in: .posts)
                let id = try await db.value(
                    """
                    INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, published_at,
                        created_at, updated_at, author_id, stated_reading_minutes, reading_minutes)
                    VALUES (\(input.title), \(plan.titleKey), \(slug), \(input.body.storedText), \(plan.excerpt),
                        \(input.status.rawValue), \(input.visibility.rawValue), \(plan.publishedAt(existing: nil)),
                        \(now), \(now), \(authorID), \(input.statedReadingMinutes), \(plan.readingMinutes))
                    RETURNING id
                    """, as: Int64.self)
                saved = SavedPost(id: try Self.required(id), slug: slug, title: input.title, outcome: .created)
            }
            let tagIDs = try await Self.replaceTags(db, postID: saved.id, plan: plan)
            let after = TouchedKeys.Placement(
                postID: saved.id, authorID: authorID, titleKey: plan.titleKey, tagIDs: tagIDs)
            try await Self.recordChange(db, TouchedKeys.upsert(before: before, after: after), now: now)
            return saved
        }
    }

    public func changeSlug(postID: Int64, to requested: String) async throws -> String {
        let slug = try RequestedSlug.validated(requested)
        let now = clock.now()
        return try await write { db in
            guard
                let post = try await db.row(
                    "SELECT id, slug, author_id, title_key FROM posts WHERE id = \(postID) FOR UPDATE")
            else { throw StoreError.notFound("post \(postID)") }
            let current: String = try post.value("slug")
            if current == slug { return slug }
            if try await db.value("SELECT EXISTS(SELECT 1 FROM posts WHERE slug = \(slug))", as: Bool.self) == true {
                throw StoreError.slugTaken(slug)
            }
            // The new slug may be an old one of this post coming back: it no longer redirects.
            try await db.execute("DELETE FROM slug_redirects WHERE old_slug = \(slug)")
            try await db.execute(
                """
                INSERT INTO slug_redirects (old_slug, post_id, created_at) VALUES (\(current), \(postID), \(now))
                ON CONFLICT (old_slug) DO UPDATE SET post_id = EXCLUDED.post_id, created_at = EXCLUDED.created_at
                """)
            try await db.execute("UPDATE posts SET slug = \(slug), updated_at = \(now) WHERE id = \(postID)")
            try await Self.recordChange(db, TouchedKeys.listing(try await Self.placement(db, row: post)), now: now)
            return slug
        }
    }

    static func findOrCreateAuthor(_ db: PostgresSession, plan: PostWritePlan) async throws -> Int64 {
        try await findOrCreate(
            db, in: .authors, find: "SELECT id FROM authors WHERE name_key = \(plan.authorKey)",
            slugBase: plan.authorSlugBase
        ) { slug in
            """
            INSERT INTO authors (name, name_key, slug, created_at, updated_at)
            VALUES (\(plan.input.authorName), \(plan.authorKey), \(slug), \(plan.now), \(plan.now))
            ON CONFLICT (name_key) DO NOTHING RETURNING id
            """
        }
    }

    /// The id `find` selects, else that of the row `insert` creates with a free slug. `insert`
    /// does nothing on a name conflict: another node created the row meanwhile, and `find` then
    /// gives theirs instead of the whole transaction failing.
    static func findOrCreate(
        _ db: PostgresSession, in table: SlugTable, find: PostgresQuery, slugBase: String,
        insert: (_ slug: String) -> PostgresQuery
    ) async throws -> Int64 {
        if let id = try await db.value(find, as: Int64.self) { return id }
        let slug = try await uniqueSlug(db, base: slugBase, in: table)
        if let id = try await db.value(insert(slug), as: Int64.self) { return id }
        return try required(try await db.value(find, as: Int64.self))
    }

    /// Where the post in `row` (id, author_id, title_key) appears now.
    static func placement(_ db: PostgresSession, row: PostgresRandomAccessRow) async throws -> TouchedKeys.Placement {
        let id: Int64 = try row.value("id")
        let tagIDs = try await db.rows("SELECT tag_id FROM post_tags WHERE post_id = \(id)").map {
            try $0.value("tag_id") as Int64
        }
        return TouchedKeys.Placement(
            postID: id, authorID: try row.value("author_id"), titleKey: try row.value("title_key"), tagIDs: tagIDs)
    }

    /// Sets a post's tags (found by name or created); returns their ids.
    static func replaceTags(_ db: PostgresSession, postID: Int64, plan: PostWritePlan) async throws -> [Int64] {
        var ids: [Int64] = []
        try await db.execute("DELETE FROM post_tags WHERE post_id = \(postID)")
        for (position, tag) in plan.tags.enumerated() {
            let id = try await findOrCreate(
                db, in: .tags, find: "SELECT id FROM tags WHERE name_key = \(tag.key)", slugBase: tag.slugBase
            ) { slug in
                """
                INSERT INTO tags (name, name_key, slug, created_at) VALUES (\(tag.name), \(tag.key), \(slug), \(plan.now))
                ON CONFLICT (name_key) DO NOTHING RETURNING id
                """
            }
            try await db.execute(
                """
                INSERT INTO post_tags (post_id, tag_id, position) VALUES (\(postID), \(id), \(position))
                ON CONFLICT DO NOTHING
                """)
            ids.append(id)
        }
        return ids
    }

    /// Tables whose rows have a unique slug.
    enum SlugTable: String {
        case posts, authors, tags
    }

    /// A slug free in `table`; for posts also not an old slug that still redirects. One query
    /// fetches every slug the numbering could try.
    static func uniqueSlug(_ db: PostgresSession, base: String, in table: SlugTable) async throws -> String {
        // Slugs hold only [a-z0-9-], so the pattern has no wildcard but its final %.
        let numbered = base + "-%"
        var query: PostgresQuery = """
            SELECT slug FROM \(unescaped: table.rawValue) WHERE slug = \(base) OR slug LIKE \(numbered)
            """
        if table == .posts {
            query = """
                SELECT slug FROM posts WHERE slug = \(base) OR slug LIKE \(numbered)
                UNION SELECT old_slug FROM slug_redirects WHERE old_slug = \(base) OR old_slug LIKE \(numbered)
                """
        }
        let taken = Set(try await db.rows(query).map { try $0.value("slug") as String })
        return Slug.unique(base) { taken.contains($0) }
    }

    /// A value a `RETURNING` clause always gives.
    static func required<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw PostgresStoreError.server(sqlState: "client", message: "no row returned") }
        return value
    }
}

extension Optional {
    fileprivate func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
