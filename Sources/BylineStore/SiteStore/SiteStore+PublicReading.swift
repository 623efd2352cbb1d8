import BylineCore
import Foundation

/// What the public site shows. Listings walk an index in order (``SQLiteMigrations`` and
/// ``PostgresMigrations`` v3) and totals come from counts kept on write (``PostCounts``).
extension SiteStore: PublicReading {
    public func publicPost(slug: String) async throws -> PostLookup {
        let now = clock.now()
        return try await engine.read { db in
            if let post = try Self.fetchPost(db, where: "p.slug = \(slug) AND \(Self.isPublic(now))") {
                return .found(post)
            }
            let moved: String? = try db.value(
                """
                SELECT p.slug FROM slug_redirects r JOIN posts p ON p.id = r.post_id
                WHERE r.old_slug = \(slug) AND \(Self.isPublic(now))
                """)
            return moved.map { .moved(to: $0) } ?? .missing
        }
    }

    public func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary> {
        let now = clock.now()
        return try await engine.read { db in
            try Self.countedPage(
                db, page,
                ids: "SELECT p.id FROM posts p WHERE \(Self.isPublic(now)) ORDER BY p.published_at DESC, p.id DESC",
                published: try db.value("SELECT value FROM counters WHERE name = \(PostCounts.publishedPosts)") ?? 0,
                scheduled: "SELECT COUNT(*) FROM posts WHERE status = 'published' AND published_at > \(now)")
        }
    }

    public func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)? {
        let now = clock.now()
        return try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    "SELECT id, name, slug, description, post_count FROM tags WHERE slug = \(tagSlug)")
            else { return nil }
            let tag = try Self.tag(from: row)
            let posts = try Self.countedPage(
                db, page,
                ids: """
                    SELECT post_id FROM post_tags
                    WHERE tag_id = \(tag.id) AND status = 'published' AND published_at <= \(now)
                    ORDER BY published_at DESC, post_id DESC
                    """,
                published: try row["post_count"],
                scheduled: """
                    SELECT COUNT(*) FROM post_tags
                    WHERE tag_id = \(tag.id) AND status = 'published' AND published_at > \(now)
                    """)
            return (tag, posts)
        }
    }

    public func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)? {
        let now = clock.now()
        return try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    "SELECT id, name, slug, bio, user_id, image_id, post_count FROM authors WHERE slug = \(authorSlug)")
            else { return nil }
            let author = try Self.author(from: row, prefix: "")
            let posts = try Self.countedPage(
                db, page,
                ids: """
                    SELECT p.id FROM posts p WHERE p.author_id = \(author.id) AND \(Self.isPublic(now))
                    ORDER BY p.published_at DESC, p.id DESC
                    """,
                published: try row["post_count"],
                scheduled: """
                    SELECT COUNT(*) FROM posts
                    WHERE author_id = \(author.id) AND status = 'published' AND published_at > \(now)
                    """)
            return (author, posts)
        }
    }

    /// One page of a listing whose total is a count kept on write (``PostCounts``), which
    /// includes posts dated in the future: `scheduled` counts those (an index range over the few
    /// scheduled posts) so the total is what readers can see. `ids` is the listing in order,
    /// without LIMIT.
    static func countedPage(
        _ db: any SQLConnection, _ page: PageRequest, ids: SQL, published: Int, scheduled: SQL
    ) throws -> Page<PostSummary> {
        let items = try summaries(db, inOrderOf: ids + " LIMIT \(page.perPage) OFFSET \(page.offset)")
        let total = published - (try db.value(scheduled) ?? 0)
        return Page(items: items, number: page.number, totalItems: total, perPage: page.perPage)
    }

    public func publicPosts(in interval: DateInterval, _ page: PageRequest) async throws -> Page<PostSummary> {
        let now = clock.now()
        let end = min(interval.end, now.addingTimeInterval(0.001))
        return try await engine.read { db in
            let range: SQL = """
                p.status = 'published' AND p.published_at >= \(interval.start) AND p.published_at < \(end)
                """
            let items = try Self.summaries(
                db,
                inOrderOf: """
                    SELECT p.id FROM posts p WHERE \(range)
                    ORDER BY p.published_at DESC, p.id DESC LIMIT \(page.perPage) OFFSET \(page.offset)
                    """)
            let total: Int = try db.value("SELECT COUNT(*) FROM posts p WHERE \(range)") ?? 0
            return Page(items: items, number: page.number, totalItems: total, perPage: page.perPage)
        }
    }

    public func archiveMonths(timeZone: TimeZone) async throws -> [ArchiveMonth] {
        let now = clock.now()
        return try await engine.read { db in
            // One index seek per month: from the newest post, jump to the newest post before the
            // month it falls in. PostgreSQL does the jumps itself (a recursive query, one round
            // trip instead of one per month); SQLite is in-process, where a loop costs nothing.
            if db.dialect == .postgres {
                return try db.fetchAll(
                    """
                    WITH RECURSIVE months(start) AS (
                        SELECT date_trunc('month', (SELECT MAX(published_at) FROM posts
                            WHERE status = 'published' AND published_at <= \(now)) AT TIME ZONE \(timeZone.identifier))
                        UNION ALL
                        SELECT date_trunc('month', (SELECT MAX(published_at) FROM posts
                            WHERE status = 'published' AND published_at < (start AT TIME ZONE \(timeZone.identifier)))
                            AT TIME ZONE \(timeZone.identifier))
                        FROM months WHERE start IS NOT NULL
                    )
                    SELECT EXTRACT(YEAR FROM start)::BIGINT AS year, EXTRACT(MONTH FROM start)::BIGINT AS month
                    FROM months WHERE start IS NOT NULL
                    """
                ).map { ArchiveMonth(year: try $0["year"], month: try $0["month"]) }
            }
            var months: [ArchiveMonth] = []
            var next: Date? = try db.value(
                """
                SELECT published_at FROM posts WHERE status = 'published' AND published_at <= \(now)
                ORDER BY status DESC, published_at DESC LIMIT 1
                """)
            while let date = next {
                let month = ArchiveMonth(containing: date, timeZone: timeZone)
                months.append(month)
                next = try db.value(
                    """
                    SELECT published_at FROM posts
                    WHERE status = 'published' AND published_at < \(month.interval(timeZone: timeZone).start)
                    ORDER BY status DESC, published_at DESC LIMIT 1
                    """)
            }
            return months
        }
    }

    public func publicTags(limit: Int) async throws -> [TagCount] {
        try await engine.read { db in
            // COLLATE "C": ties sort by code point, as SQLite's BINARY does, whatever the server's locale.
            try db.fetchAll(
                """
                SELECT id, name, slug, description, post_count FROM tags WHERE post_count > 0
                ORDER BY post_count DESC, \(sqlite: "name", postgres: "name COLLATE \"C\"") LIMIT \(limit)
                """
            ).map { TagCount(tag: try Self.tag(from: $0), postCount: try $0["post_count"]) }
        }
    }

    public func publicSlugs(forTitles titles: [String]) async throws -> [String: String] {
        let keys = Array(Set(titles.map(TitleKey.make))).sorted()
        guard !keys.isEmpty else { return [:] }
        let now = clock.now()
        return try await engine.read { db in
            // Looked up by title key alone, public or not decided here: given the public rule in
            // SQL, SQLite walks the date index over every post instead of the title-key index.
            let rows = try db.fetchAll(
                """
                SELECT p.title_key, p.slug, p.status, p.published_at, p.id FROM posts p
                WHERE p.title_key IN \(list: keys)
                """)
            var earliest: [String: (publishedAt: Date, id: Int64, slug: String)] = [:]
            for row in rows {
                guard try row["status"] as String == PostStatus.published.rawValue,
                    let publishedAt: Date = try row["published_at"], publishedAt <= now
                else { continue }
                let key: String = try row["title_key"]
                let candidate = (publishedAt: publishedAt, id: try row["id"] as Int64, slug: try row["slug"] as String)
                if let held = earliest[key], (held.publishedAt, held.id) < (candidate.publishedAt, candidate.id) {
                    continue
                }
                earliest[key] = candidate
            }
            return earliest.mapValues(\.slug)
        }
    }

    /// How many of each tag's newest posts "More stories" chooses among, per story shown.
    static let relatedCandidatesPerTag = 8

    public func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary] {
        let now = clock.now()
        let tagIDs = post.tags.map(\.id)
        return try await engine.read { db in
            // Candidates: each tag's newest public posts, an index range per tag.
            var candidates: [Int64: (shared: Int, publishedAt: Date)] = [:]
            for tagID in tagIDs {
                let rows = try db.fetchAll(
                    """
                    SELECT post_id, published_at FROM post_tags
                    WHERE tag_id = \(tagID) AND status = 'published' AND published_at <= \(now) AND post_id <> \(post.id)
                    ORDER BY published_at DESC, post_id DESC LIMIT \(limit * Self.relatedCandidatesPerTag)
                    """)
                for row in rows {
                    let id: Int64 = try row["post_id"]
                    candidates[id] = (0, try row["published_at"])
                }
            }
            let shared =
                candidates.isEmpty
                ? []
                : try db.fetchAll(
                    """
                    SELECT post_id, COUNT(*) AS shared FROM post_tags
                    WHERE post_id IN \(list: Array(candidates.keys)) AND tag_id IN \(list: tagIDs) GROUP BY post_id
                    """)
            for row in shared {
                let id: Int64 = try row["post_id"]
                candidates[id]?.shared = try row["shared"]
            }
            var chosen = candidates.sorted {
                ($0.value.shared, $0.value.publishedAt, $0.key) > ($1.value.shared, $1.value.publishedAt, $1.key)
            }.prefix(limit).map(\.key)
            if chosen.count < limit {
                // Too few share a tag (none, for a post without tags): the latest posts fill the rest.
                let latest = try db.fetchAll(
                    """
                    SELECT p.id FROM posts p WHERE \(Self.isPublic(now))
                    ORDER BY p.published_at DESC, p.id DESC LIMIT \(limit + chosen.count + 1)
                    """)
                for row in latest where chosen.count < limit {
                    let id: Int64 = try row["id"]
                    if id != post.id, !chosen.contains(id) { chosen.append(id) }
                }
            }
            return try Self.summaries(db, ids: chosen)
        }
    }

    public func latestPublicPosts(limit: Int) async throws -> [Post] {
        let now = clock.now()
        return try await engine.read { db in
            let ids = try db.fetchAll(
                """
                SELECT p.id FROM posts p WHERE \(Self.isPublic(now))
                ORDER BY p.published_at DESC, p.id DESC LIMIT \(limit)
                """
            ).map { try $0.value(at: 0) as Int64 }
            return try Self.posts(db, ids: ids)
        }
    }

    public func latestPublicPosts(_ scope: FeedScope, limit: Int) async throws -> ScopedPosts? {
        let now = clock.now()
        return try await engine.read { db in
            let owner: (name: String, description: String, key: ChangeKey)
            let ids: SQL
            switch scope {
            case .tag(let slug):
                guard let row = try db.fetchOne("SELECT id, name, description FROM tags WHERE slug = \(slug)") else {
                    return nil
                }
                let id: Int64 = try row["id"]
                owner = (try row["name"], try row["description"], .tag(id))
                ids = """
                    SELECT post_id FROM post_tags
                    WHERE tag_id = \(id) AND status = 'published' AND published_at <= \(now)
                    ORDER BY published_at DESC, post_id DESC LIMIT \(limit)
                    """
            case .author(let slug):
                guard let row = try db.fetchOne("SELECT id, name, bio FROM authors WHERE slug = \(slug)") else {
                    return nil
                }
                let id: Int64 = try row["id"]
                owner = (try row["name"], try row["bio"], .author(id))
                ids = """
                    SELECT p.id FROM posts p WHERE p.author_id = \(id) AND \(Self.isPublic(now))
                    ORDER BY p.published_at DESC, p.id DESC LIMIT \(limit)
                    """
            }
            let postIDs = try db.fetchAll(ids).map { try $0.value(at: 0) as Int64 }
            return ScopedPosts(
                name: owner.name, description: owner.description, key: owner.key,
                posts: try Self.posts(db, ids: postIDs))
        }
    }

    public func publicPostLinks(ids: ClosedRange<Int64>) async throws -> [PostLink] {
        let now = clock.now()
        return try await engine.read { db in
            // A primary-key range; whether each post is public is decided here, so no engine is
            // tempted to walk its date index over every post instead.
            try db.fetchAll(
                """
                SELECT p.slug, p.updated_at, p.status, p.published_at FROM posts p
                WHERE p.id >= \(ids.lowerBound) AND p.id <= \(ids.upperBound) ORDER BY p.id
                """
            ).compactMap { row in
                guard try row["status"] as String == PostStatus.published.rawValue,
                    let publishedAt: Date = try row["published_at"], publishedAt <= now
                else { return nil }
                return PostLink(slug: try row["slug"], updatedAt: try row["updated_at"])
            }
        }
    }

    public func maxPostID() async throws -> Int64 {
        try await engine.read { db in try db.value("SELECT MAX(id) FROM posts") ?? 0 }
    }

    public func publicAuthors() async throws -> [Author] {
        try await engine.read { db in
            try db.fetchAll(
                """
                SELECT id, name, slug, bio, user_id, image_id FROM authors WHERE post_count > 0
                ORDER BY \(sqlite: "name", postgres: "name COLLATE \"C\""), id
                """
            ).map { try Self.author(from: $0, prefix: "") }
        }
    }
}
