import BylineCore
import Foundation
import GRDB

/// Whole-site copies in and out (`byline migrate-store`).
extension SQLiteStore {
    public func snapshot() async throws -> SiteSnapshot {
        try await pool.read { db in
            SiteSnapshot(
                settings: try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM settings").map {
                        (row: Row) -> (String, String) in (row["key"], row["value"])
                    }),
                authors: try Row.fetchAll(db, sql: "SELECT * FROM authors").map {
                    .init(
                        id: $0["id"], name: $0["name"], nameKey: $0["name_key"], slug: $0["slug"], bio: $0["bio"],
                        userID: $0["user_id"], createdAt: $0["created_at"], updatedAt: $0["updated_at"])
                },
                tags: try Row.fetchAll(db, sql: "SELECT * FROM tags").map {
                    .init(
                        id: $0["id"], name: $0["name"], nameKey: $0["name_key"], slug: $0["slug"],
                        description: $0["description"], createdAt: $0["created_at"])
                },
                posts: try Row.fetchAll(db, sql: "SELECT * FROM posts").map {
                    .init(
                        id: $0["id"], title: $0["title"], titleKey: $0["title_key"], slug: $0["slug"], body: $0["body"],
                        excerpt: $0["excerpt"], status: $0["status"], visibility: $0["visibility"],
                        publishedAt: $0["published_at"], createdAt: $0["created_at"], updatedAt: $0["updated_at"],
                        authorID: $0["author_id"], statedReadingMinutes: $0["stated_reading_minutes"],
                        readingMinutes: $0["reading_minutes"])
                },
                postTags: try Row.fetchAll(db, sql: "SELECT * FROM post_tags").map {
                    .init(postID: $0["post_id"], tagID: $0["tag_id"], position: $0["position"])
                },
                redirects: try Row.fetchAll(db, sql: "SELECT * FROM slug_redirects").map {
                    .init(oldSlug: $0["old_slug"], postID: $0["post_id"], createdAt: $0["created_at"])
                })
        }
    }

    public func restore(_ snapshot: SiteSnapshot, replacing: Bool) async throws {
        let now = clock.now()
        try await pool.write { db in
            let hasContent =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS(SELECT 1 FROM posts) OR EXISTS(SELECT 1 FROM authors) OR EXISTS(SELECT 1 FROM tags)
                            OR EXISTS(SELECT 1 FROM settings)
                        """) ?? false
            if hasContent {
                guard replacing else { throw StoreError.notEmpty("the target store") }
                for table in ["slug_redirects", "post_tags", "posts", "tags", "authors", "settings"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
            }
            for (key, value) in snapshot.settings {
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            for a in snapshot.authors {
                try db.execute(
                    sql: """
                        INSERT INTO authors (id, name, name_key, slug, bio, user_id, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [a.id, a.name, a.nameKey, a.slug, a.bio, a.userID, a.createdAt, a.updatedAt])
            }
            for t in snapshot.tags {
                try db.execute(
                    sql:
                        "INSERT INTO tags (id, name, name_key, slug, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [t.id, t.name, t.nameKey, t.slug, t.description, t.createdAt])
            }
            for p in snapshot.posts {
                try db.execute(
                    sql: """
                        INSERT INTO posts (id, title, title_key, slug, body, excerpt, status, visibility, published_at,
                            created_at, updated_at, author_id, stated_reading_minutes, reading_minutes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        p.id, p.title, p.titleKey, p.slug, p.body, p.excerpt, p.status, p.visibility, p.publishedAt,
                        p.createdAt, p.updatedAt, p.authorID, p.statedReadingMinutes, p.readingMinutes,
                    ])
            }
            for pt in snapshot.postTags {
                try db.execute(
                    sql: "INSERT INTO post_tags (post_id, tag_id, position) VALUES (?, ?, ?)",
                    arguments: [pt.postID, pt.tagID, pt.position])
            }
            for r in snapshot.redirects {
                try db.execute(
                    sql: "INSERT INTO slug_redirects (old_slug, post_id, created_at) VALUES (?, ?, ?)",
                    arguments: [r.oldSlug, r.postID, r.createdAt])
            }
            // Everything changed: every running server drops its cached pages.
            try Self.recordChange(db, [.site], now: now)
        }
    }
}
