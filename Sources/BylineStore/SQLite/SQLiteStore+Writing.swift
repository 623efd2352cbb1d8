import BylineCore
import Foundation
import GRDB

/// Write paths. Each public method is one transaction: a crash leaves all of it or none.
extension SQLiteStore {
    public func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost {
        try PostInputValidation.check(input)
        let now = clock.now()
        return try await pool.write { db in
            let authorID = try Self.findOrCreateAuthor(db, name: input.authorName, now: now)
            let titleKey = TitleKey.make(input.title)
            let excerpt = input.excerpt ?? Excerpt.make(from: input.body)
            let readingMinutes =
                input.statedReadingMinutes
                ?? ReadingTime.minutes(words: input.body.wordCount, images: input.body.imageCount)
            let existing = try Row.fetchOne(
                db,
                sql:
                    "SELECT id, slug, published_at, author_id, title_key FROM posts WHERE title_key = ? ORDER BY id LIMIT 1",
                arguments: [titleKey])
            var touched: Set<ChangeKey> = [.home, .archive, .title(titleKey), .author(authorID)]
            if let existing {
                touched.insert(.author(existing["author_id"]))
                touched.formUnion(try Self.tagIDs(db, postID: existing["id"]).map(ChangeKey.tag))
            }
            let saved: SavedPost
            if let existing {
                let id: Int64 = existing["id"]
                let publishedAt: Date? = input.publishedAt ?? existing["published_at"] ?? now
                try db.execute(
                    sql: """
                        UPDATE posts SET title = ?, title_key = ?, body = ?, excerpt = ?, status = ?, visibility = ?,
                            published_at = ?, updated_at = ?, author_id = ?, stated_reading_minutes = ?,
                            reading_minutes = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        input.title, titleKey, input.body.storedText, excerpt, input.status.rawValue,
                        input.visibility.rawValue, publishedAt, now, authorID, input.statedReadingMinutes,
                        readingMinutes, id,
                    ])
                saved = SavedPost(id: id, slug: existing["slug"], title: input.title, outcome: .updated)
            } else {
                let slug = try Self.uniqueSlug(db, base: Slug.make(from: input.title), table: "posts")
                try db.execute(
                    sql: """
                        INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, published_at,
                            created_at, updated_at, author_id, stated_reading_minutes, reading_minutes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        input.title, titleKey, slug, input.body.storedText, excerpt, input.status.rawValue,
                        input.visibility.rawValue, input.publishedAt ?? now, now, now, authorID,
                        input.statedReadingMinutes, readingMinutes,
                    ])
                saved = SavedPost(id: db.lastInsertedRowID, slug: slug, title: input.title, outcome: .created)
            }
            let tagIDs = try Self.replaceTags(db, postID: saved.id, names: input.tagNames, now: now)
            touched.insert(.post(saved.id))
            touched.formUnion(tagIDs.map(ChangeKey.tag))
            try Self.recordChange(db, touched, now: now)
            return saved
        }
    }

    public func changeSlug(postID: Int64, to requested: String) async throws -> String {
        let slug = Slug.make(from: requested, fallback: "")
        guard !slug.isEmpty, !Slug.reserved.contains(slug) else {
            throw StoreError.invalidInput("\"\(requested)\" cannot be a post slug")
        }
        let now = clock.now()
        return try await pool.write { db in
            guard let current = try String.fetchOne(db, sql: "SELECT slug FROM posts WHERE id = ?", arguments: [postID])
            else { throw StoreError.notFound("post \(postID)") }
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
            try Self.recordChange(db, try Self.listingKeys(db, postID: postID), now: now)
            return slug
        }
    }

    static func findOrCreateAuthor(_ db: Database, name: String, now: Date) throws -> Int64 {
        let key = TitleKey.make(name)
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM authors WHERE name_key = ?", arguments: [key]) {
            return id
        }
        let slug = try uniqueSlug(db, base: Slug.make(from: name, fallback: "author"), table: "authors")
        try db.execute(
            sql: "INSERT INTO authors (name, name_key, slug, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [name, key, slug, now, now])
        return db.lastInsertedRowID
    }

    /// Every key a post's URL appears under: its page, its listings, READ ALSO links to it.
    static func listingKeys(_ db: Database, postID: Int64) throws -> Set<ChangeKey> {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT author_id, title_key FROM posts WHERE id = ?", arguments: [postID])
        else { return [] }
        var keys: Set<ChangeKey> = [
            .post(postID), .home, .archive, .author(row["author_id"]), .title(row["title_key"]),
        ]
        keys.formUnion(try tagIDs(db, postID: postID).map(ChangeKey.tag))
        return keys
    }

    static func tagIDs(_ db: Database, postID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT tag_id FROM post_tags WHERE post_id = ?", arguments: [postID])
    }

    static func recordChange(_ db: Database, _ keys: Set<ChangeKey>, now: Date) throws {
        try db.execute(
            sql: "INSERT INTO changes (at, keys) VALUES (?, ?)", arguments: [now, ChangeKey.encode(keys)])
    }

    /// Sets a post's tags (found by name or created); returns their ids.
    @discardableResult
    static func replaceTags(_ db: Database, postID: Int64, names: [String], now: Date) throws -> [Int64] {
        var ids: [Int64] = []
        try db.execute(sql: "DELETE FROM post_tags WHERE post_id = ?", arguments: [postID])
        for (position, name) in names.enumerated() {
            let key = TitleKey.make(name)
            let tagID: Int64
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tags WHERE name_key = ?", arguments: [key]) {
                tagID = id
            } else {
                let slug = try uniqueSlug(db, base: Slug.make(from: name, fallback: "tag"), table: "tags")
                try db.execute(
                    sql: "INSERT INTO tags (name, name_key, slug, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [name, key, slug, now])
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
