import BylineCore
import Foundation
import GRDB

/// Read queries: what the public site shows.
extension SQLiteStore {
    static let publicCondition = "p.status = 'published' AND p.published_at <= :now"

    static let summaryColumns = """
        p.id, p.title, p.slug, p.excerpt, p.published_at, p.updated_at, p.reading_minutes,
        a.id AS author_id, a.name AS author_name, a.slug AS author_slug, a.bio AS author_bio,
        a.user_id AS author_user_id
        """

    public func postCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM posts") ?? 0 }
    }

    public func post(id: Int64) async throws -> Post? {
        try await pool.read { db in try Self.fetchPost(db, condition: "p.id = :id", arguments: ["id": id]) }
    }

    public func publicPost(slug: String) async throws -> PostLookup {
        let now = clock.now()
        return try await pool.read { db in
            if let post = try Self.fetchPost(
                db, condition: "p.slug = :slug AND \(Self.publicCondition)", arguments: ["slug": slug, "now": now])
            {
                return .found(post)
            }
            let moved = try String.fetchOne(
                db,
                sql: """
                    SELECT p.slug FROM slug_redirects r JOIN posts p ON p.id = r.post_id
                    WHERE r.old_slug = :slug AND \(Self.publicCondition)
                    """, arguments: ["slug": slug, "now": now])
            return moved.map { .moved(to: $0) } ?? .missing
        }
    }

    public func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary> {
        let now = clock.now()
        return try await pool.read { db in
            try Self.fetchSummaryPage(
                db, join: "", condition: Self.publicCondition, arguments: ["now": now], page: page)
        }
    }

    public func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)? {
        let now = clock.now()
        return try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tags WHERE slug = ?", arguments: [tagSlug])
            else { return nil }
            let tag = Self.tag(from: row)
            let items = try Self.fetchSummaryPage(
                db, join: "JOIN post_tags pt ON pt.post_id = p.id AND pt.tag_id = :tag",
                condition: Self.publicCondition, arguments: ["now": now, "tag": tag.id], page: page)
            return (tag, items)
        }
    }

    public func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)? {
        let now = clock.now()
        return try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM authors WHERE slug = ?", arguments: [authorSlug])
            else { return nil }
            let author = Self.author(from: row, prefix: "")
            let items = try Self.fetchSummaryPage(
                db, join: "", condition: "p.author_id = :author AND \(Self.publicCondition)",
                arguments: ["now": now, "author": author.id], page: page)
            return (author, items)
        }
    }

    public func publicArchive() async throws -> [PostSummary] {
        let now = clock.now()
        return try await pool.read { db in
            try Self.fetchSummaries(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM posts p JOIN authors a ON a.id = p.author_id
                    WHERE \(Self.publicCondition) ORDER BY p.published_at DESC, p.id DESC
                    """, arguments: ["now": now])
        }
    }

    public func publicTags(limit: Int) async throws -> [TagCount] {
        let now = clock.now()
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.*, COUNT(*) AS post_count FROM tags t
                    JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
                    WHERE \(Self.publicCondition)
                    GROUP BY t.id ORDER BY post_count DESC, t.name LIMIT :limit
                    """, arguments: ["now": now, "limit": limit]
            ).map { TagCount(tag: Self.tag(from: $0), postCount: $0["post_count"]) }
        }
    }

    public func publicSlugs(forTitles titles: [String]) async throws -> [String: String] {
        let keys = Array(Set(titles.map(TitleKey.make)))
        guard !keys.isEmpty else { return [:] }
        let now = clock.now()
        return try await pool.read { db in
            let placeholders = databaseQuestionMarks(count: keys.count)
            var arguments = StatementArguments(keys)
            arguments += [now]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.title_key, p.slug FROM posts p
                    WHERE p.title_key IN (\(placeholders)) AND p.status = 'published' AND p.published_at <= ?
                    ORDER BY p.published_at ASC, p.id ASC
                    """, arguments: arguments)
            var slugs: [String: String] = [:]
            for row in rows where slugs[row["title_key"]] == nil {
                slugs[row["title_key"]] = row["slug"]
            }
            return slugs
        }
    }

    public func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary] {
        let now = clock.now()
        let tagIDs = post.tags.map(\.id)
        return try await pool.read { db in
            let placeholders = tagIDs.isEmpty ? "NULL" : databaseQuestionMarks(count: tagIDs.count)
            var arguments = StatementArguments(tagIDs)
            arguments += [post.id, now, limit]
            return try Self.fetchSummaries(
                db,
                sql: """
                    SELECT \(Self.summaryColumns),
                        (SELECT COUNT(*) FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id IN (\(placeholders))) AS shared
                    FROM posts p JOIN authors a ON a.id = p.author_id
                    WHERE p.id <> ? AND p.status = 'published' AND p.published_at <= ?
                    ORDER BY shared DESC, p.published_at DESC, p.id DESC LIMIT ?
                    """, arguments: arguments)
        }
    }
}
