import BylineCore
import Foundation
import PostgresNIO

/// Turning rows into domain values, shared by the read and write paths.
extension PostgresStore {
    static let summaryColumns = """
        p.id, p.title, p.slug, p.excerpt, p.published_at, p.updated_at, p.reading_minutes,
        a.id AS author_id, a.name AS author_name, a.slug AS author_slug, a.bio AS author_bio,
        a.user_id AS author_user_id
        """

    static let postSelect = """
        SELECT p.id, p.title, p.slug, p.body, p.excerpt, p.status, p.visibility, p.published_at, p.created_at,
            p.updated_at, p.stated_reading_minutes,
            a.id AS author_id, a.name AS author_name, a.slug AS author_slug, a.bio AS author_bio,
            a.user_id AS author_user_id
        FROM posts p JOIN authors a ON a.id = p.author_id
        """

    static func author(from row: PostgresRandomAccessRow, prefix: String) throws -> Author {
        Author(
            id: try row.value(prefix + "id"), name: try row.value(prefix + "name"),
            slug: try row.value(prefix + "slug"),
            bio: try row.value(prefix + "bio"), userID: try row.value(prefix + "user_id"))
    }

    static func tag(from row: PostgresRandomAccessRow) throws -> Tag {
        Tag(
            id: try row.value("id"), name: try row.value("name"), slug: try row.value("slug"),
            description: try row.value("description"))
    }

    /// Tags of each post, in the order the writer gave them.
    static func tagsByPost(_ db: PostgresSession, postIDs: [Int64]) async throws -> [Int64: [Tag]] {
        guard !postIDs.isEmpty else { return [:] }
        let rows = try await db.rows(
            """
            SELECT pt.post_id, t.id, t.name, t.slug, t.description FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id = ANY(\(postIDs)) ORDER BY pt.post_id, pt.position
            """)
        var result: [Int64: [Tag]] = [:]
        for row in rows {
            result[try row.value("post_id"), default: []].append(try tag(from: row))
        }
        return result
    }

    /// Summaries for rows selected with ``summaryColumns``, with their tags.
    static func summaries(_ db: PostgresSession, _ query: PostgresQuery) async throws -> [PostSummary] {
        let rows = try await db.rows(query)
        let tags = try await tagsByPost(db, postIDs: try rows.map { try $0.value("id") })
        return try rows.map { row in
            let id: Int64 = try row.value("id")
            return PostSummary(
                id: id, title: try row.value("title"), slug: try row.value("slug"), excerpt: try row.value("excerpt"),
                publishedAt: try row.value("published_at"), updatedAt: try row.value("updated_at"),
                author: try author(from: row, prefix: "author_"), tags: tags[id] ?? [],
                readingMinutes: try row.value("reading_minutes"))
        }
    }

    /// The post in a row selected with ``postSelect``, with its tags.
    static func post(_ db: PostgresSession, from row: PostgresRandomAccessRow?) async throws -> Post? {
        guard let row else { return nil }
        let id: Int64 = try row.value("id")
        return Post(
            id: id, title: try row.value("title"), slug: try row.value("slug"),
            body: PostBody(storedText: try row.value("body")), excerpt: try row.value("excerpt"),
            status: PostStatus(rawValue: try row.value("status")) ?? .draft,
            visibility: Visibility(rawValue: try row.value("visibility")) ?? .public,
            publishedAt: try row.value("published_at"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"), author: try author(from: row, prefix: "author_"),
            tags: try await tagsByPost(db, postIDs: [id])[id] ?? [],
            statedReadingMinutes: try row.value("stated_reading_minutes"))
    }

    /// One page of public posts, newest first; only one author's or one tag's when given.
    static func publicPage(
        _ db: PostgresSession, authorID: Int64? = nil, tagID: Int64? = nil, now: Date, page: PageRequest
    ) async throws -> Page<PostSummary> {
        // NULL filters drop out: the planner sees the actual values of an unnamed statement.
        let total =
            try await db.value(
                """
                SELECT COUNT(*) FROM posts p
                WHERE p.status = 'published' AND p.published_at <= \(now)
                    AND (\(authorID)::BIGINT IS NULL OR p.author_id = \(authorID))
                    AND (\(tagID)::BIGINT IS NULL
                        OR EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = \(tagID)))
                """, as: Int.self) ?? 0
        let items = try await summaries(
            db,
            """
            SELECT \(unescaped: summaryColumns) FROM posts p JOIN authors a ON a.id = p.author_id
            WHERE p.status = 'published' AND p.published_at <= \(now)
                AND (\(authorID)::BIGINT IS NULL OR p.author_id = \(authorID))
                AND (\(tagID)::BIGINT IS NULL
                    OR EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = \(tagID)))
            ORDER BY p.published_at DESC, p.id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
            """)
        return Page(items: items, number: page.number, totalItems: total, perPage: page.perPage)
    }
}
