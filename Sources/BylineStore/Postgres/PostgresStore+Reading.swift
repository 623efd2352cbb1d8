import BylineCore
import Foundation
import PostgresNIO

/// Read queries: what the public site shows.
extension PostgresStore {
    public func postCount() async throws -> Int {
        try await withSession { db in try await db.value("SELECT COUNT(*) FROM posts", as: Int.self) ?? 0 }
    }

    public func post(id: Int64) async throws -> Post? {
        try await read { db in
            try await Self.post(db, from: try await db.row("\(unescaped: Self.postSelect) WHERE p.id = \(id)"))
        }
    }

    public func publicPost(slug: String) async throws -> PostLookup {
        let now = clock.now()
        return try await read { db in
            let row = try await db.row(
                """
                \(unescaped: Self.postSelect)
                WHERE p.slug = \(slug) AND p.status = 'published' AND p.published_at <= \(now)
                """)
            if let post = try await Self.post(db, from: row) { return .found(post) }
            let moved = try await db.value(
                """
                SELECT p.slug FROM slug_redirects r JOIN posts p ON p.id = r.post_id
                WHERE r.old_slug = \(slug) AND p.status = 'published' AND p.published_at <= \(now)
                """, as: String.self)
            return moved.map { .moved(to: $0) } ?? .missing
        }
    }

    public func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary> {
        let now = clock.now()
        return try await read { db in try await Self.publicPage(db, now: now, page: page) }
    }

    public func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)? {
        let now = clock.now()
        return try await read { db in
            guard
                let row = try await db.row(
                    "SELECT id, name, slug, description FROM tags WHERE slug = \(tagSlug)")
            else { return nil }
            let tag = try Self.tag(from: row)
            return (tag, try await Self.publicPage(db, tagID: tag.id, now: now, page: page))
        }
    }

    public func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)? {
        let now = clock.now()
        return try await read { db in
            guard
                let row = try await db.row(
                    "SELECT id, name, slug, bio, user_id FROM authors WHERE slug = \(authorSlug)")
            else { return nil }
            let author = try Self.author(from: row, prefix: "")
            return (author, try await Self.publicPage(db, authorID: author.id, now: now, page: page))
        }
    }

    public func publicArchive() async throws -> [PostSummary] {
        let now = clock.now()
        return try await read { db in
            try await Self.summaries(
                db,
                """
                SELECT \(unescaped: Self.summaryColumns) FROM posts p JOIN authors a ON a.id = p.author_id
                WHERE p.status = 'published' AND p.published_at <= \(now) ORDER BY p.published_at DESC, p.id DESC
                """)
        }
    }

    public func publicTags(limit: Int) async throws -> [TagCount] {
        let now = clock.now()
        return try await withSession { db in
            // COLLATE "C": ties sort by code point, as SQLite's BINARY does, whatever the server's locale.
            try await db.rows(
                """
                SELECT t.id, t.name, t.slug, t.description, COUNT(*) AS post_count FROM tags t
                JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
                WHERE p.status = 'published' AND p.published_at <= \(now)
                GROUP BY t.id ORDER BY post_count DESC, t.name COLLATE "C" LIMIT \(limit)
                """
            ).map { TagCount(tag: try Self.tag(from: $0), postCount: try $0.value("post_count")) }
        }
    }

    public func publicSlugs(forTitles titles: [String]) async throws -> [String: String] {
        let keys = Array(Set(titles.map(TitleKey.make)))
        guard !keys.isEmpty else { return [:] }
        let now = clock.now()
        return try await withSession { db in
            let rows = try await db.rows(
                """
                SELECT p.title_key, p.slug FROM posts p
                WHERE p.title_key = ANY(\(keys)) AND p.status = 'published' AND p.published_at <= \(now)
                ORDER BY p.published_at ASC, p.id ASC
                """)
            var slugs: [String: String] = [:]
            for row in rows {
                let key: String = try row.value("title_key")
                if slugs[key] == nil { slugs[key] = try row.value("slug") }
            }
            return slugs
        }
    }

    public func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary] {
        let now = clock.now()
        let tagIDs = post.tags.map(\.id)
        return try await read { db in
            try await Self.summaries(
                db,
                """
                SELECT \(unescaped: Self.summaryColumns),
                    (SELECT COUNT(*) FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = ANY(\(tagIDs))) AS shared
                FROM posts p JOIN authors a ON a.id = p.author_id
                WHERE p.id <> \(post.id) AND p.status = 'published' AND p.published_at <= \(now)
                ORDER BY shared DESC, p.published_at DESC, p.id DESC LIMIT \(limit)
                """)
        }
    }
}
