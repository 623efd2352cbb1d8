import BylineCore
import Foundation
import GRDB

/// Turning rows into domain values, shared by the read and write paths.
extension SQLiteStore {
    static func author(from row: Row, prefix: String) -> Author {
        Author(
            id: row[prefix + "id"], name: row[prefix + "name"], slug: row[prefix + "slug"],
            bio: row[prefix + "bio"], userID: row[prefix + "user_id"])
    }

    static func tag(from row: Row) -> Tag {
        Tag(id: row["id"], name: row["name"], slug: row["slug"], description: row["description"])
    }

    /// Tags of each post, in the order the writer gave them.
    static func tagsByPost(_ db: Database, postIDs: [Int64]) throws -> [Int64: [Tag]] {
        guard !postIDs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT pt.post_id, t.* FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                WHERE pt.post_id IN (\(databaseQuestionMarks(count: postIDs.count))) ORDER BY pt.post_id, pt.position
                """, arguments: StatementArguments(postIDs))
        var result: [Int64: [Tag]] = [:]
        for row in rows {
            result[row["post_id"], default: []].append(tag(from: row))
        }
        return result
    }

    static func fetchSummaries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [PostSummary] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let tags = try tagsByPost(db, postIDs: rows.map { $0["id"] })
        return rows.map { row in
            let id: Int64 = row["id"]
            return PostSummary(
                id: id, title: row["title"], slug: row["slug"], excerpt: row["excerpt"],
                publishedAt: row["published_at"], updatedAt: row["updated_at"],
                author: author(from: row, prefix: "author_"), tags: tags[id] ?? [],
                readingMinutes: row["reading_minutes"])
        }
    }

    static func fetchSummaryPage(
        _ db: Database, join: String, condition: String, arguments: StatementArguments, page: PageRequest
    ) throws -> Page<PostSummary> {
        let total =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM posts p \(join) WHERE \(condition)", arguments: arguments) ?? 0
        var pageArguments = arguments
        _ = pageArguments.append(contentsOf: ["limit": page.perPage, "offset": page.offset])
        let items = try fetchSummaries(
            db,
            sql: """
                SELECT \(summaryColumns) FROM posts p JOIN authors a ON a.id = p.author_id \(join)
                WHERE \(condition) ORDER BY p.published_at DESC, p.id DESC LIMIT :limit OFFSET :offset
                """, arguments: pageArguments)
        return Page(items: items, number: page.number, totalItems: total, perPage: page.perPage)
    }

    static func fetchPost(_ db: Database, condition: String, arguments: StatementArguments) throws -> Post? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.*, a.id AS author_id, a.name AS author_name, a.slug AS author_slug,
                        a.bio AS author_bio, a.user_id AS author_user_id
                    FROM posts p JOIN authors a ON a.id = p.author_id WHERE \(condition)
                    """, arguments: arguments)
        else { return nil }
        let id: Int64 = row["id"]
        return Post(
            id: id, title: row["title"], slug: row["slug"], body: PostBody(storedText: row["body"]),
            excerpt: row["excerpt"], status: PostStatus(rawValue: row["status"]) ?? .draft,
            visibility: Visibility(rawValue: row["visibility"]) ?? .public, publishedAt: row["published_at"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], author: author(from: row, prefix: "author_"),
            tags: try tagsByPost(db, postIDs: [id])[id] ?? [], statedReadingMinutes: row["stated_reading_minutes"])
    }
}
