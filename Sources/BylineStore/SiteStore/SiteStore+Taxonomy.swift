import BylineCore
import Foundation

/// Tags and authors as the newsroom manages them. Names are unique by their key (``TitleKey``:
/// "Europe" and "europe" are one tag), slugs as written; a clash is refused with a message,
/// never settled by renaming behind the editor's back.
extension SiteStore: TaxonomyEditing {
    public func allTags() async throws -> [TagCount] {
        try await engine.read { db in
            // COLLATE "C": the order SQLite's BINARY gives, whatever the server's locale.
            try db.fetchAll(
                """
                SELECT id, name, slug, description, post_count FROM tags
                ORDER BY \(sqlite: "name", postgres: "name COLLATE \"C\""), id
                """
            ).map { TagCount(tag: try Self.tag(from: $0), postCount: try $0["post_count"]) }
        }
    }

    public func updateTag(id: Int64, name: String, slug: String, description: String) async throws
        -> Set<ChangeKey>
    {
        let edit = try ProfileEdit(name: name, slug: slug, what: "a tag")
        let now = clock.now()
        return try await engine.write { db in
            guard let row = try db.fetchOne("SELECT name, slug FROM tags WHERE id = \(id)") else {
                throw StoreError.notFound("tag \(id)")
            }
            try Self.checkFree(db, table: "tags", id: id, edit, kind: "tag")
            try db.execute(
                """
                UPDATE tags SET name = \(edit.name), name_key = \(edit.nameKey), slug = \(edit.slug),
                    description = \(description.trimmingWhitespace())
                WHERE id = \(id)
                """)
            let renamed = try row["name"] as String != edit.name || row["slug"] as String != edit.slug
            if try row["name"] as String != edit.name {
                // Tag names are indexed with each post's text: the old name must stop finding them.
                try SearchIndex.update(db, postIDs: try Self.postIDs(db, taggedWith: id))
            }
            let touched = TouchedKeys.profileEdit(.tag(id), renamed: renamed)
            try Self.recordChange(db, touched, now: now)
            return touched
        }
    }

    public func deleteTag(id: Int64) async throws -> Set<ChangeKey> {
        let now = clock.now()
        return try await engine.write { db in
            guard try db.value("SELECT 1 FROM tags WHERE id = \(id)", as: Int.self) != nil else {
                throw StoreError.notFound("tag \(id)")
            }
            // The tag's own count goes with it; authors and the total count posts, not tags.
            let tagged = try Self.postIDs(db, taggedWith: id)
            try db.execute("DELETE FROM post_tags WHERE tag_id = \(id)")
            try db.execute("DELETE FROM tags WHERE id = \(id)")
            try SearchIndex.update(db, postIDs: tagged)
            let touched = TouchedKeys.profileEdit(.tag(id), renamed: true)
            try Self.recordChange(db, touched, now: now)
            return touched
        }
    }

    public func allAuthors() async throws -> [Author] {
        try await engine.read { db in
            try db.fetchAll(
                """
                SELECT id, name, slug, bio, user_id, image_id FROM authors
                ORDER BY \(sqlite: "name", postgres: "name COLLATE \"C\""), id
                """
            ).map { try Self.author(from: $0, prefix: "") }
        }
    }

    public func author(id: Int64) async throws -> Author? {
        try await engine.read { db in
            try db.fetchOne("SELECT id, name, slug, bio, user_id, image_id FROM authors WHERE id = \(id)").map {
                try Self.author(from: $0, prefix: "")
            }
        }
    }

    public func updateAuthor(id: Int64, name: String, slug: String, bio: String) async throws -> Set<ChangeKey> {
        let edit = try ProfileEdit(name: name, slug: slug, what: "an author")
        let now = clock.now()
        return try await engine.write { db in
            guard let row = try db.fetchOne("SELECT name, slug FROM authors WHERE id = \(id)") else {
                throw StoreError.notFound("author \(id)")
            }
            try Self.checkFree(db, table: "authors", id: id, edit, kind: "author")
            try db.execute(
                """
                UPDATE authors SET name = \(edit.name), name_key = \(edit.nameKey), slug = \(edit.slug),
                    bio = \(bio.trimmingWhitespace()), updated_at = \(now)
                WHERE id = \(id)
                """)
            let renamed = try row["name"] as String != edit.name || row["slug"] as String != edit.slug
            let touched = TouchedKeys.profileEdit(.author(id), renamed: renamed)
            try Self.recordChange(db, touched, now: now)
            return touched
        }
    }

    /// Refuses a name or slug that another row of `table` has. The unique indexes would refuse
    /// it too, but as an engine error; a writer on another node racing this one makes the
    /// engine run the transaction again, and this check then answers.
    static func postIDs(_ db: any SQLConnection, taggedWith tagID: Int64) throws -> [Int64] {
        try db.fetchAll("SELECT post_id FROM post_tags WHERE tag_id = \(tagID)").map { try $0["post_id"] as Int64 }
    }

    static func checkFree(_ db: any SQLConnection, table: String, id: Int64, _ edit: ProfileEdit, kind: String) throws {
        if try db.value(
            "SELECT 1 FROM \(raw: table) WHERE name_key = \(edit.nameKey) AND id <> \(id)", as: Int.self) != nil
        {
            throw StoreError.invalidInput("another \(kind) is already named \"\(edit.name)\"")
        }
        if try db.value("SELECT 1 FROM \(raw: table) WHERE slug = \(edit.slug) AND id <> \(id)", as: Int.self) != nil {
            throw StoreError.slugTaken(edit.slug)
        }
    }
}
