import BylineCore
import Foundation

/// Turning rows into domain values, shared by the read and write paths.
extension SiteStore {
    static let summaryColumns: SQL = """
        p.id, p.title, p.slug, p.excerpt, p.published_at, p.updated_at, p.reading_minutes, p.visibility,
        p.excerpt_in_preview, p.comment_count, p.feature_image, p.feature_image_alt, a.id AS author_id, a.name AS author_name, a.slug AS author_slug,
        a.bio AS author_bio, a.user_id AS author_user_id, a.image_id AS author_image_id
        """

    static let postColumns: SQL = """
        p.id, p.title, p.slug, p.body, p.body_html, p.read_also, p.excerpt, p.custom_excerpt, p.status, p.visibility,
        p.published_at, p.created_at, p.updated_at, p.stated_reading_minutes, p.reading_minutes, p.feature_image,
        p.feature_image_alt, p.feature_image_caption, p.auto_read_also,
        a.id AS author_id, a.name AS author_name, a.slug AS author_slug, a.bio AS author_bio,
        a.user_id AS author_user_id, a.image_id AS author_image_id
        """

    /// The public rule for the `posts p` of a query.
    static func isPublic(_ now: Date) -> SQL {
        "p.status = 'published' AND p.published_at <= \(now)"
    }

    static func author(from row: SQLRow, prefix: String) throws -> Author {
        Author(
            id: try row[prefix + "id"], name: try row[prefix + "name"], slug: try row[prefix + "slug"],
            bio: try row[prefix + "bio"], userID: try row[prefix + "user_id"], imageID: try row[prefix + "image_id"])
    }

    static func tag(from row: SQLRow) throws -> Tag {
        Tag(id: try row["id"], name: try row["name"], slug: try row["slug"], description: try row["description"])
    }

    /// Tags of each post, in the order the writer gave them.
    static func tagsByPost(_ db: any SQLConnection, postIDs: [Int64]) throws -> [Int64: [Tag]] {
        guard !postIDs.isEmpty else { return [:] }
        let rows = try db.fetchAll(
            """
            SELECT pt.post_id, t.id, t.name, t.slug, t.description FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id IN \(list: postIDs) ORDER BY pt.post_id, pt.position
            """)
        var result: [Int64: [Tag]] = [:]
        for row in rows {
            result[try row["post_id"], default: []].append(try tag(from: row))
        }
        return result
    }

    /// Summaries for rows selected with ``summaryColumns``, with their tags.
    static func summaries(_ db: any SQLConnection, _ query: SQL) throws -> [PostSummary] {
        let rows = try db.fetchAll(query)
        let tags = try tagsByPost(db, postIDs: try rows.map { try $0["id"] })
        return try rows.map { row in
            let id: Int64 = try row["id"]
            return PostSummary(
                id: id, title: try row["title"], slug: try row["slug"], excerpt: try row["excerpt"],
                publishedAt: try row["published_at"], updatedAt: try row["updated_at"],
                author: try author(from: row, prefix: "author_"), tags: tags[id] ?? [],
                readingMinutes: try row["reading_minutes"],
                visibility: Visibility(rawValue: try row["visibility"]) ?? .members,
                excerptInPreview: (try row["excerpt_in_preview"] as Int) != 0,
                commentCount: try row["comment_count"], featureImage: try row["feature_image"],
                featureImageAlt: try row["feature_image_alt"])
        }
    }

    /// Summaries of the posts `idQuery` selects (one `id` column), in its order. Paging runs on
    /// the ids alone, an index-only walk, so rows skipped by `OFFSET` are never joined or read.
    static func summaries(_ db: any SQLConnection, inOrderOf idQuery: SQL) throws -> [PostSummary] {
        try summaries(db, ids: try db.fetchAll(idQuery).map { try $0.value(at: 0) as Int64 })
    }

    /// Summaries of the posts with `ids`, in that order.
    static func summaries(_ db: any SQLConnection, ids: [Int64]) throws -> [PostSummary] {
        guard !ids.isEmpty else { return [] }
        let found = try summaries(
            db,
            "SELECT \(summaryColumns) FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id IN \(list: ids)")
        return inOrder(found, of: ids, id: \.id)
    }

    /// Whole posts with `ids`, in that order.
    static func posts(_ db: any SQLConnection, ids: [Int64]) throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        let found = try posts(
            db, "SELECT \(postColumns) FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id IN \(list: ids)")
        return inOrder(found, of: ids, id: \.id)
    }

    /// `items` in the order of `ids` (an `IN` list comes back in any order).
    private static func inOrder<Item>(_ items: [Item], of ids: [Int64], id: (Item) -> Int64) -> [Item] {
        let byID = Dictionary(items.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Whole posts for rows selected with ``postColumns``, with their tags.
    static func posts(_ db: any SQLConnection, _ query: SQL) throws -> [Post] {
        let rows = try db.fetchAll(query)
        let tags = try tagsByPost(db, postIDs: try rows.map { try $0["id"] })
        return try rows.map { row in
            let id: Int64 = try row["id"]
            return Post(
                id: id, title: try row["title"], slug: try row["slug"], body: try body(from: row),
                excerpt: try row["excerpt"], status: PostStatus(rawValue: try row["status"]) ?? .draft,
                visibility: Visibility(rawValue: try row["visibility"]) ?? .members,
                publishedAt: try row["published_at"], createdAt: try row["created_at"],
                updatedAt: try row["updated_at"], author: try author(from: row, prefix: "author_"),
                tags: tags[id] ?? [], statedReadingMinutes: try row["stated_reading_minutes"],
                savedReadingMinutes: try row["reading_minutes"], customExcerpt: try row["custom_excerpt"],
                featureImage: try row["feature_image"], featureImageAlt: try row["feature_image_alt"],
                autoReadAlso: (try row["auto_read_also"] as Int) != 0,
                featureImageCaption: try row["feature_image_caption"])
        }
    }

    /// The body of a row with `body`, `body_html` and `read_also`. A row whose `body_html` is
    /// NULL holds a plain-text body from before Markdown that the store's opening has not
    /// converted yet (``convertLegacyBodies(_:limit:)``): it is converted here, in memory, meanwhile.
    static func body(from row: SQLRow) throws -> PostBody {
        let source: String = try row["body"]
        guard let html: String = try row["body_html"] else { return legacyBody(source) }
        let readAlso: String = try row["read_also"]
        let titles =
            readAlso.isEmpty ? [] : readAlso.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return PostBody(markdown: source, html: html, readAlsoTitles: titles)
    }

    static func fetchPost(_ db: any SQLConnection, where condition: SQL) throws -> Post? {
        try posts(
            db,
            "SELECT \(postColumns) FROM posts p JOIN authors a ON a.id = p.author_id WHERE \(condition) LIMIT 1"
        ).first
    }
}
