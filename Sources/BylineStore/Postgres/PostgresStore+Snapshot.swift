import BylineCore
import Foundation
import PostgresNIO

/// Whole-site copies in and out (`byline migrate-store`).
extension PostgresStore {
    public func snapshot() async throws -> SiteSnapshot {
        try await read { db in
            var settings: [String: String] = [:]
            for row in try await db.rows("SELECT key, value FROM settings") {
                settings[try row.value("key")] = try row.value("value")
            }
            let authors = try await db.rows("SELECT * FROM authors").map { row in
                SiteSnapshot.AuthorRecord(
                    id: try row.value("id"), name: try row.value("name"), nameKey: try row.value("name_key"),
                    slug: try row.value("slug"), bio: try row.value("bio"), userID: try row.value("user_id"),
                    createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
            }
            let tags = try await db.rows("SELECT * FROM tags").map { row in
                SiteSnapshot.TagRecord(
                    id: try row.value("id"), name: try row.value("name"), nameKey: try row.value("name_key"),
                    slug: try row.value("slug"), description: try row.value("description"),
                    createdAt: try row.value("created_at"))
            }
            let posts = try await db.rows("SELECT * FROM posts").map { row in
                SiteSnapshot.PostRecord(
                    id: try row.value("id"), title: try row.value("title"), titleKey: try row.value("title_key"),
                    slug: try row.value("slug"), body: try row.value("body"), excerpt: try row.value("excerpt"),
                    status: try row.value("status"), visibility: try row.value("visibility"),
                    publishedAt: try row.value("published_at"), createdAt: try row.value("created_at"),
                    updatedAt: try row.value("updated_at"), authorID: try row.value("author_id"),
                    statedReadingMinutes: (try row.value("stated_reading_minutes") as Int32?).map(Int.init),
                    readingMinutes: Int(try row.value("reading_minutes") as Int32))
            }
            let postTags = try await db.rows("SELECT * FROM post_tags").map { row in
                SiteSnapshot.PostTagRecord(
                    postID: try row.value("post_id"), tagID: try row.value("tag_id"),
                    position: Int(try row.value("position") as Int32))
            }
            let redirects = try await db.rows("SELECT * FROM slug_redirects").map { row in
                SiteSnapshot.RedirectRecord(
                    oldSlug: try row.value("old_slug"), postID: try row.value("post_id"),
                    createdAt: try row.value("created_at"))
            }
            return SiteSnapshot(
                settings: settings, authors: authors, tags: tags, posts: posts, postTags: postTags,
                redirects: redirects)
        }
    }

    public func restore(_ snapshot: SiteSnapshot, replacing: Bool) async throws {
        let now = clock.now()
        try await write { db in
            let hasContent =
                try await db.value(
                    """
                    SELECT EXISTS(SELECT 1 FROM posts) OR EXISTS(SELECT 1 FROM authors) OR EXISTS(SELECT 1 FROM tags)
                        OR EXISTS(SELECT 1 FROM settings)
                    """, as: Bool.self) ?? false
            if hasContent {
                guard replacing else { throw StoreError.notEmpty("the target store") }
                try await db.execute("DELETE FROM slug_redirects")
                try await db.execute("DELETE FROM post_tags")
                try await db.execute("DELETE FROM posts")
                try await db.execute("DELETE FROM tags")
                try await db.execute("DELETE FROM authors")
                try await db.execute("DELETE FROM settings")
            }
            for (key, value) in snapshot.settings {
                try await db.execute("INSERT INTO settings (key, value) VALUES (\(key), \(value))")
            }
            for a in snapshot.authors {
                try await db.execute(
                    """
                    INSERT INTO authors (id, name, name_key, slug, bio, user_id, created_at, updated_at)
                    VALUES (\(a.id), \(a.name), \(a.nameKey), \(a.slug), \(a.bio), \(a.userID), \(a.createdAt),
                        \(a.updatedAt))
                    """)
            }
            for t in snapshot.tags {
                try await db.execute(
                    """
                    INSERT INTO tags (id, name, name_key, slug, description, created_at)
                    VALUES (\(t.id), \(t.name), \(t.nameKey), \(t.slug), \(t.description), \(t.createdAt))
                    """)
            }
            for p in snapshot.posts {
                let stated = p.statedReadingMinutes.map(Int32.init)
                try await db.execute(
                    """
                    INSERT INTO posts (id, title, title_key, slug, body, excerpt, status, visibility, published_at,
                        created_at, updated_at, author_id, stated_reading_minutes, reading_minutes)
                    VALUES (\(p.id), \(p.title), \(p.titleKey), \(p.slug), \(p.body), \(p.excerpt), \(p.status),
                        \(p.visibility), \(p.publishedAt), \(p.createdAt), \(p.updatedAt), \(p.authorID), \(stated),
                        \(Int32(p.readingMinutes)))
                    """)
            }
            for pt in snapshot.postTags {
                try await db.execute(
                    """
                    INSERT INTO post_tags (post_id, tag_id, position)
                    VALUES (\(pt.postID), \(pt.tagID), \(Int32(pt.position)))
                    """)
            }
            for r in snapshot.redirects {
                try await db.execute(
                    """
                    INSERT INTO slug_redirects (old_slug, post_id, created_at)
                    VALUES (\(r.oldSlug), \(r.postID), \(r.createdAt))
                    """)
            }
            // Ids were written explicitly: move each sequence past them so new rows do not collide.
            for table in ["authors", "tags", "posts"] {
                try await db.execute(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(table)', 'id'),
                                GREATEST((SELECT COALESCE(MAX(id), 0) FROM \(table)), 1),
                                (SELECT COUNT(*) > 0 FROM \(table)))
                            """))
            }
            try await Self.recordChange(db, [.site], now: now)
        }
    }
}
