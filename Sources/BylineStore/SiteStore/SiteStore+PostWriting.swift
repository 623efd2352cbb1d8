import BylineCore
import Foundation

/// Editorial writes. Each public method is one transaction: a crash leaves all of it or none.
extension SiteStore: PostWriting {
    /// Shared by two nodes saving one new title at once: they take turns on PostgreSQL, or each
    /// would create the post (title keys are not unique in the schema). The first key of
    /// `pg_advisory_xact_lock(int, int)`; the second is the title key's hash.
    static let titleLockClass: Int32 = 0x6279_6C6E

    public func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost {
        let plan = try PostWritePlan(input, now: clock.now(), images: try await bodyImages(input.markdown))
        return try await engine.write { db in
            let (saved, keys) = try Self.upsert(db, plan)
            try Self.recordChange(db, keys, now: plan.now)
            return saved
        }
    }

    public func upsertPosts(matchingTitles inputs: [PostInput]) async throws -> [SavedPost] {
        let now = clock.now()
        let images = try await bodyImages(inputs.map(\.markdown).joined(separator: "\n"))
        var plans: [PostWritePlan] = []
        for (index, input) in inputs.enumerated() {
            do {
                plans.append(try PostWritePlan(input, now: now, images: images))
            } catch StoreError.invalidInput(let reason) {
                throw StoreError.invalidInput("post \(index + 1) (\(input.title)): \(reason)")
            }
        }
        guard !plans.isEmpty else { return [] }
        let batch = plans
        return try await engine.longWrite { db in
            var saved: [SavedPost] = []
            var keys: Set<ChangeKey> = []
            for plan in batch {
                let (post, touched) = try Self.upsert(db, plan)
                saved.append(post)
                keys.formUnion(touched)
            }
            try Self.recordChange(db, keys, now: now)
            return saved
        }
    }

    /// One post's upsert inside a transaction; returns it and the keys it touched. An update
    /// keeps what the input leaves unstated (see ``PostInput``): status, visibility, an
    /// editor's excerpt, tags, date; its slug never changes here.
    static func upsert(_ db: any SQLConnection, _ plan: PostWritePlan) throws -> (SavedPost, Set<ChangeKey>) {
        let input = plan.input
        let now = plan.now
        if db.dialect == .postgres {
            try db.execute("SELECT pg_advisory_xact_lock(\(raw: String(titleLockClass)), hashtext(\(plan.titleKey)))")
        }
        let authorID = try findOrCreateAuthor(db, plan: plan)
        let existing = try db.fetchOne(
            """
            SELECT id, slug, status, visibility, published_at, author_id, title_key, custom_excerpt FROM posts
            WHERE title_key = \(plan.titleKey) ORDER BY id LIMIT 1\(sqlite: "", postgres: " FOR UPDATE")
            """)
        let before = try existing.map { try placement(db, row: $0) }
        let publishedAt: Date
        let status: PostStatus
        let saved: SavedPost
        if let existing {
            let id: Int64 = try existing["id"]
            publishedAt = plan.publishedAt(existing: try existing["published_at"])
            status = plan.status(
                existing: PostStatus(rawValue: try existing["status"]) ?? .draft, publishedAt: publishedAt)
            let visibility = plan.visibility(existing: Visibility(rawValue: try existing["visibility"]))
            let customExcerpt: String? = try input.excerpt ?? existing["custom_excerpt"]
            try db.execute(
                """
                UPDATE posts SET title = \(input.title), title_key = \(plan.titleKey), body = \(input.markdown),
                    body_html = \(plan.rendered.html), read_also = \(plan.readAlsoLines),
                    excerpt = \(customExcerpt ?? plan.derivedExcerpt), custom_excerpt = \(customExcerpt),
                    excerpt_in_preview = \(plan.rendered.excerptShowsWhenGated(custom: customExcerpt) ? 1 : 0),
                    status = \(status.rawValue), visibility = \(visibility.rawValue), published_at = \(publishedAt),
                    updated_at = \(now), author_id = \(authorID), stated_reading_minutes = \(input.statedReadingMinutes),
                    reading_minutes = \(plan.readingMinutes),
                    feature_image = COALESCE(\(input.featureImage), feature_image),
                    feature_image_alt = COALESCE(\(input.featureImageAlt), feature_image_alt)
                WHERE id = \(id)
                """)
            saved = SavedPost(
                id: id, slug: try existing["slug"], title: input.title, outcome: .updated, status: status,
                publishedAt: publishedAt)
        } else {
            let slug = try uniqueSlug(db, base: plan.postSlugBase, in: .posts)
            publishedAt = plan.publishedAt(existing: nil)
            status = plan.status(existing: nil, publishedAt: publishedAt)
            let visibility = plan.visibility(existing: nil)
            let id = try db.insertReturningID(
                """
                INSERT INTO posts (title, title_key, slug, body, body_html, read_also, excerpt, custom_excerpt, status,
                    visibility, published_at, created_at, updated_at, author_id, stated_reading_minutes, reading_minutes,
                    excerpt_in_preview, feature_image, feature_image_alt)
                VALUES (\(input.title), \(plan.titleKey), \(slug), \(input.markdown), \(plan.rendered.html),
                    \(plan.readAlsoLines), \(plan.excerpt), \(input.excerpt), \(status.rawValue),
                    \(visibility.rawValue), \(publishedAt), \(now), \(now), \(authorID), \(input.statedReadingMinutes),
                    \(plan.readingMinutes), \(plan.rendered.excerptShowsWhenGated(custom: input.excerpt) ? 1 : 0),
                    \(input.featureImage ?? ""), \(input.featureImageAlt ?? ""))
                """)
            saved = SavedPost(
                id: id, slug: slug, title: input.title, outcome: .created, status: status, publishedAt: publishedAt)
        }
        let tagIDs: [Int64]
        if let tags = plan.tags {
            tagIDs = try replaceTags(
                db, postID: saved.id, tags: tags, now: now, status: status, publishedAt: publishedAt)
        } else {
            // Tags kept: their rows still carry the post's status and date for tag listings.
            try db.execute(
                """
                UPDATE post_tags SET status = \(status.rawValue), published_at = \(publishedAt)
                WHERE post_id = \(saved.id)
                """)
            tagIDs = before?.tagIDs ?? []
        }
        try SearchIndex.update(db, postID: saved.id)
        let after = TouchedKeys.Placement(
            postID: saved.id, authorID: authorID, titleKey: plan.titleKey, tagIDs: tagIDs)
        let wasPublished = try existing.map { try $0["status"] as String == PostStatus.published.rawValue } ?? false
        try PostCounts.adjust(
            db, removing: wasPublished ? before : nil, adding: status == .published ? after : nil)
        try markRelatedStale(db, postID: saved.id)
        return (saved, TouchedKeys.upsert(before: before, after: after))
    }

    public func changeSlug(postID: Int64, to requested: String, takingOverRedirect: Bool) async throws -> String {
        let slug = try RequestedSlug.validated(requested)
        let now = clock.now()
        return try await engine.write { db in
            guard
                let post = try db.fetchOne(
                    """
                    SELECT id, slug, author_id, title_key FROM posts WHERE id = \(postID)\(sqlite: "", postgres: " FOR UPDATE")
                    """)
            else { throw StoreError.notFound("post \(postID)") }
            let current: String = try post["slug"]
            if current == slug { return slug }
            try Self.moveSlug(
                db, postID: postID, from: current, to: slug, takingOverRedirect: takingOverRedirect,
                keepingOldSlug: true, now: now)
            try Self.recordChange(db, TouchedKeys.listing(try Self.placement(db, row: post)), now: now)
            return slug
        }
    }

    /// Gives post `postID` the new `slug` inside a transaction; `keepingOldSlug` leaves
    /// `current` redirecting to it (readers may hold links to it).
    static func moveSlug(
        _ db: any SQLConnection, postID: Int64, from current: String, to slug: String, takingOverRedirect: Bool,
        keepingOldSlug: Bool, now: Date
    ) throws {
        if try db.value("SELECT 1 FROM posts WHERE slug = \(slug)", as: Int.self) != nil {
            throw StoreError.slugTaken(slug)
        }
        // An old slug of another post keeps that post's old links working: taking it breaks
        // them, so only when asked. An old slug of this post simply comes back.
        if let owner: Int64 = try db.value("SELECT post_id FROM slug_redirects WHERE old_slug = \(slug)"),
            owner != postID, !takingOverRedirect
        {
            throw StoreError.slugTaken(slug)
        }
        try db.execute("DELETE FROM slug_redirects WHERE old_slug = \(slug)")
        if keepingOldSlug {
            try db.execute(
                """
                INSERT INTO slug_redirects (old_slug, post_id, created_at) VALUES (\(current), \(postID), \(now))
                ON CONFLICT (old_slug) DO UPDATE SET post_id = excluded.post_id, created_at = excluded.created_at
                """)
        }
        try db.execute("UPDATE posts SET slug = \(slug), updated_at = \(now) WHERE id = \(postID)")
    }

    public func postCount() async throws -> Int {
        try await engine.read { db in try db.value("SELECT COUNT(*) FROM posts") ?? 0 }
    }

    public func post(id: Int64) async throws -> Post? {
        try await engine.read { db in try Self.fetchPost(db, where: "p.id = \(id)") }
    }

    static func findOrCreateAuthor(_ db: any SQLConnection, plan: PostWritePlan) throws -> Int64 {
        try findOrCreate(
            db, in: .authors, find: "SELECT id FROM authors WHERE name_key = \(plan.authorKey)",
            slugBase: plan.authorSlugBase
        ) { slug in
            """
            INSERT INTO authors (name, name_key, slug, created_at, updated_at)
            VALUES (\(plan.input.authorName), \(plan.authorKey), \(slug), \(plan.now), \(plan.now))
            ON CONFLICT (name_key) DO NOTHING RETURNING id
            """
        }
    }

    /// The id `find` selects, else that of the row `insert` creates with a free slug. `insert`
    /// does nothing on a name conflict: another node created the row meanwhile, and `find` then
    /// gives theirs instead of the whole transaction failing.
    static func findOrCreate(
        _ db: any SQLConnection, in table: SlugTable, find: SQL, slugBase: String, insert: (_ slug: String) -> SQL
    ) throws -> Int64 {
        if let id: Int64 = try db.value(find) { return id }
        let slug = try uniqueSlug(db, base: slugBase, in: table)
        if let id: Int64 = try db.value(insert(slug)) { return id }
        guard let id: Int64 = try db.value(find) else { throw StoreError.notFound("\(table.rawValue) row") }
        return id
    }

    /// Where the post in `row` (id, author_id, title_key) appears now.
    static func placement(_ db: any SQLConnection, row: SQLRow) throws -> TouchedKeys.Placement {
        let id: Int64 = try row["id"]
        let tagIDs = try db.fetchAll("SELECT tag_id FROM post_tags WHERE post_id = \(id) ORDER BY position").map {
            try $0["tag_id"] as Int64
        }
        return TouchedKeys.Placement(
            postID: id, authorID: try row["author_id"], titleKey: try row["title_key"], tagIDs: tagIDs)
    }

    /// Sets a post's tags (found by name or created), each row carrying the post's status and
    /// date so tag listings are one index range; returns the tag ids.
    static func replaceTags(
        _ db: any SQLConnection, postID: Int64, tags: [PostTagName], now: Date, status: PostStatus, publishedAt: Date?
    ) throws -> [Int64] {
        var ids: [Int64] = []
        try db.execute("DELETE FROM post_tags WHERE post_id = \(postID)")
        for (position, tag) in tags.enumerated() {
            let id = try findOrCreate(
                db, in: .tags, find: "SELECT id FROM tags WHERE name_key = \(tag.key)", slugBase: tag.slugBase
            ) { slug in
                """
                INSERT INTO tags (name, name_key, slug, created_at) VALUES (\(tag.name), \(tag.key), \(slug), \(now))
                ON CONFLICT (name_key) DO NOTHING RETURNING id
                """
            }
            guard !ids.contains(id) else { continue }
            try db.execute(
                """
                INSERT INTO post_tags (post_id, tag_id, position, status, published_at)
                VALUES (\(postID), \(id), \(position), \(status.rawValue), \(publishedAt))
                ON CONFLICT DO NOTHING
                """)
            ids.append(id)
        }
        return ids
    }

    /// Tables whose rows have a unique slug.
    enum SlugTable: String {
        case posts, authors, tags
    }

    /// A slug free in `table`; for posts also not an old slug that still redirects. Each try is
    /// one unique-index lookup (a `LIKE 'base-%'` would scan every row: neither engine indexes it
    /// under their default collations), and a clash is rare, so this stays fast at any size.
    static func uniqueSlug(_ db: any SQLConnection, base: String, in table: SlugTable) throws -> String {
        try Slug.unique(base) { candidate in
            var query: SQL = "SELECT 1 FROM \(raw: table.rawValue) WHERE slug = \(candidate)"
            if table == .posts {
                query = query + " UNION ALL SELECT 1 FROM slug_redirects WHERE old_slug = \(candidate)"
            }
            return try db.value(query, as: Int.self) != nil
        }
    }
}
