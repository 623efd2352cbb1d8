import BylineCore
import Foundation

/// The newsroom's list of posts in every status, most recently updated first.
///
/// At 100,000 posts (SQLite, measured): without a filter the page is a walk of
/// `posts_recent_edits` from its end, an index-only walk of ids (under 1 ms). Status, author and
/// tag filters read one range of `posts_listing`, `posts_author_listing` or `post_tags_listing`
/// and sort it by update time: a few ms for the drafts, ~30 ms for an author or a tag with
/// 50,000 posts. Totals count the same range (~5 ms at 50,000; the kept count for "published"
/// alone). A title search scans the title keys (`LIKE '%word%'` uses no B-tree): ~25 ms per
/// page and as much for its total. An index on `(author_id, updated_at)`, and `updated_at` on
/// `post_tags`, would make the filtered pages walks too, should 30 ms ever matter.
extension SiteStore {
    public func postListings(_ filter: PostFilter, _ page: PageRequest) async throws -> Page<PostListing> {
        let words = Self.searchWords(filter.search)
        return try await engine.read { db in
            var tables: SQL = "posts p"
            var conditions: [SQL] = []
            if let tagSlug = filter.tagSlug, !tagSlug.isEmpty {
                guard let tagID: Int64 = try db.value("SELECT id FROM tags WHERE slug = \(tagSlug)") else {
                    return Page(items: [], number: page.number, totalItems: 0, perPage: page.perPage)
                }
                // From the tag's rows, which carry their post's status: one range of
                // `post_tags_listing`, joined to posts by primary key.
                tables = "post_tags pt JOIN posts p ON p.id = pt.post_id"
                conditions.append("pt.tag_id = \(tagID)")
                if let status = filter.status { conditions.append("pt.status = \(status.rawValue)") }
            } else if let status = filter.status {
                conditions.append("p.status = \(status.rawValue)")
            }
            if let authorID = filter.authorID { conditions.append("p.author_id = \(authorID)") }
            for word in words {
                conditions.append("p.title_key LIKE \("%" + Self.likeEscaped(word) + "%") ESCAPE '\\'")
            }
            let matching: SQL =
                conditions.isEmpty ? "" : " WHERE " + SQL.joined(conditions, separator: " AND ")
            let ids = try db.fetchAll(
                """
                SELECT p.id FROM \(tables)\(matching) ORDER BY p.updated_at DESC, p.id DESC
                LIMIT \(page.perPage) OFFSET \(page.offset)
                """
            ).map { try $0.value(at: 0) as Int64 }
            let total: Int
            if filter == PostFilter(status: .published) {
                total = try db.value("SELECT value FROM counters WHERE name = \(PostCounts.publishedPosts)") ?? 0
            } else if filter.tagSlug?.isEmpty == false, filter.authorID == nil, words.isEmpty {
                // Tag and status alone: the tag's index range, without a look at the posts.
                total = try db.value("SELECT COUNT(*) FROM post_tags pt\(matching)") ?? 0
            } else {
                total = try db.value("SELECT COUNT(*) FROM \(tables)\(matching)") ?? 0
            }
            return Page(
                items: try Self.listings(db, ids: ids), number: page.number, totalItems: total, perPage: page.perPage)
        }
    }

    /// Lines of the list for `ids`, in that order.
    static func listings(_ db: any SQLConnection, ids: [Int64]) throws -> [PostListing] {
        guard !ids.isEmpty else { return [] }
        let rows = try db.fetchAll(
            """
            SELECT p.id, p.title, p.slug, p.status, p.visibility, p.published_at, p.updated_at,
                a.id AS author_id, a.name AS author_name, a.slug AS author_slug, a.bio AS author_bio,
                a.user_id AS author_user_id, a.image_id AS author_image_id
            FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id IN \(list: ids)
            """)
        let tags = try tagsByPost(db, postIDs: ids)
        var byID: [Int64: PostListing] = [:]
        for row in rows {
            let id: Int64 = try row["id"]
            byID[id] = PostListing(
                id: id, title: try row["title"], slug: try row["slug"],
                status: PostStatus(rawValue: try row["status"]) ?? .draft,
                visibility: Visibility(rawValue: try row["visibility"]) ?? .public,
                publishedAt: try row["published_at"], updatedAt: try row["updated_at"],
                author: try author(from: row, prefix: "author_"), tags: tags[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }

    /// The words a title must contain, in title-key form (``TitleKey``: lowercased by Swift, so
    /// every script matches without case on both engines, as `title_key` is stored).
    static func searchWords(_ search: String?) -> [String] {
        guard let search else { return [] }
        return TitleKey.make(search).split(separator: " ").map(String.init)
    }

    /// `text` matching itself literally in a `LIKE ... ESCAPE '\'` pattern.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
