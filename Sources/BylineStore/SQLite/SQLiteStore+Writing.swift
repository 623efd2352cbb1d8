import BylineCore
import Foundation
import GRDB

/// Write paths. Each public method is one transaction: a crash leaves all of it or none.
extension SQLiteStore {
    public func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost {
        let plan = try PostWritePlan(input, now: clock.now())
        return try await pool.write { db in
            let now = plan.now
            let authorID = try Self.findOrCreateAuthor(db, plan: plan)
            let existing = try Row.fetchOne(
                db,
                sql:
                    "SELECT id, slug, published_at, author_id, title_key FROM posts WHERE title_key = ? ORDER BY id LIMIT 1",
                arguments: [plan.titleKey])
            let before = try existing.map { try Self.placement(db, row: $0) }
            let saved: SavedPost
            if let existing {
                let id: Int64 = existing["id"]
                try db.execute(
                    sql: """
                        UPDATE posts SET title = ?, title_key = ?, body = ?, excerpt = ?, status = ?, visibility = ?,
                            published_at = ?, updated_at = ?, author_id = ?, stated_reading_minutes = ?,
                            reading_minutes = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        input.title, plan.titleKey, input.body.storedText, plan.excerpt, input.status.rawValue,
                        input.visibility.rawValue, plan.publishedAt(existing: existing["published_at"]), now,
                        authorID, input.statedReadingMinutes, plan.readingMinutes, id,
                    ])
                saved = SavedPost(id: id, slug: existing["slug"], title: input.title, outcome: .updated)
            } else {
                let slug = try Self.uniqueSlug(db, base: plan.postSlugBase, table: "posts")
                try db.execute(
                    sql: """
                        INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, published_at,
                            created_at, updated_at, author_id, stated_reading_minutes, reading_minutes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        input.title, plan.titleKey, slug, input.body.storedText, plan.excerpt,
                        input.status.rawValue, input.visibility.rawValue, plan.publishedAt(existing: nil), now, now,
                        authorID, input.statedReadingMinutes, plan.readingMinutes,
                    ])
                saved = SavedPost(id: db.lastInsertedRowID, slug: slug, title: input.title, outcome: .created)
            }
            let tagIDs = try Self.replaceTags(db, postID: saved.id, plan: plan)
            let after = TouchedKeys.Placement(
                postID: saved.id, authorID: authorID, titleKey: plan.titleKey, tagIDs: tagIDs)
            try Self.recordChange(db, TouchedKeys.upsert(before: before, after: after), now: now)
            return saved
        }
    }

    public func changeSlug(postID: Int64, to requested: String) async throws -> String {
        let slug = try RequestedSlug.validated(requested)
        let now = clock.now()
        return try await pool.write { db in
            guard
                let post = try Row.fetchOne(
                    db, sql: "SELECT id, slug, author_id, title_key FROM posts WHERE id = ?", arguments: [postID])
            else { throw StoreError.notFound("post \(postID)") }
            let current: String = post["slug"]
            if current == slug { return slug }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM posts WHERE slug = ?)", arguments: [slug])
                == true
            {
                throw StoreError.slugTaken(slug)
            }
            // The new slug may be an old one of this post coming back: it no longer redirects.
            try db.execute(sql: "DELETE FROM slug_redirects WHERE old_slug = ?", arguments: [slug])
            try db.execute(
                sql: "INSERT OR REPLACE INTO slug_redirects (old_slug, post_id, created_at) VALUES (?, ?, ?)",
                arguments: [current, postID, now])
            try db.execute(
                sql: "UPDATE posts SET slug = ?, updated_at = ? WHERE id = ?", arguments: [slug, now, postID])
            try Self.recordChange(db, TouchedKeys.listing(try Self.placement(db, row: post)), now: now)
            return slug
        }
    }

    static func findOrCreateAuthor(_ db: Database, plan: PostWritePlan) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM authors WHERE name_key = ?", arguments: [plan.authorKey])
        {
            return id
        }
        let slug = try uniqueSlug(db, base: plan.authorSlugBase, table: "authors")
        try db.execute(
            sql: "INSERT INTO authors (name, name_key, slug, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [plan.input.authorName, plan.authorKey, slug, plan.now, plan.now])
        return db.lastInsertedRowID
    }

    /// Where the post in `row` (id, author_id, title_key) appears now.
    static func placement(_ db: Database, row: Row) throws -> TouchedKeys.Placement {
        let id: Int64 = row["id"]
        return TouchedKeys.Placement(
            postID: id, authorID: row["author_id"], titleKey: row["title_key"], tagIDs: try tagIDs(db, postID: id))
    }

    static func tagIDs(_ db: Database, postID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT tag_id FROM post_tags WHERE post_id = ?", arguments: [postID])
    }

    static func recordChange(_ db: Database, _ keys: Set<ChangeKey>, now: Date) throws {
        try db.execute(
            sql: "INSERT INTO changes (at, keys) VALUES (?, ?)", arguments: [now, ChangeKey.encode(keys)])
    }

    /// Sets a post's tags (found by name or created); returns their ids.
    static func replaceTags(_ db: Database, postID: Int64, plan: PostWritePlan) throws -> [Int64] {
        var ids: [Int64] = []
        try db.execute(sql: "DELETE FROM post_tags WHERE post_id = ?", arguments: [postID])
        for (position, tag) in plan.tags.enumerated() {
            let tagID: Int64
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tags WHERE name_key = ?", arguments: [tag.key]) {
                tagID = id
            } else {
                let slug = try uniqueSlug(db, base: tag.slugBase, table: "tags")
                try db.execute(
                    sql: "INSERT INTO tags (name, name_key, slug, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [tag.name, tag.key, slug, plan.now])
                tagID = db.lastInsertedRowID
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO post_tags (post_id, tag_id, position) VALUES (?, ?, ?)",
                arguments: [postID, tagID, position])
            ids.append(tagID)
        }
        return ids
    }

    /// A slug free in `table`; for posts also not an old slug that still redirects.
    static func uniqueSlug(_ db: Database, base: String, table: String) throws -> String {
        try Slug.unique(base) { candidate in
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE slug = ?)", arguments: [candidate])
                == true
            {
                return true
            }
            guard table == "posts" else { return false }
            return try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM slug_redirects WHERE old_slug = ?)", arguments: [candidate])
                == true
        }
    }
}
