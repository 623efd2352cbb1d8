import BylineCore
import Foundation

/// The newsroom's writes of a post's content: create, save, delete. Publication is in
/// `SiteStore+Publication.swift`, the list in `SiteStore+PostListings.swift`, revisions in
/// `SiteStore+Revisions.swift`. Each method is one transaction that keeps a revision, records
/// the change for other nodes and returns the keys it touched.
extension SiteStore: NewsroomPosts {
    public func createPost(_ draft: PostDraft, savedBy: Int64?) async throws -> EditedPost {
        let plan = try PostDraftPlan(draft, now: clock.now(), images: try await bodyImages(draft.markdown))
        return try await engine.write { db in
            try Self.requireAuthor(db, id: draft.authorID)
            let slug: String
            if let requested = plan.requestedSlug {
                if try Self.slugInUse(db, requested) { throw StoreError.slugTaken(requested) }
                slug = requested
            } else {
                slug = try Self.uniqueSlug(db, base: plan.slugBase, in: .posts)
            }
            let id = try db.insertReturningID(
                """
                INSERT INTO posts (title, title_key, slug, body, body_html, read_also, excerpt, custom_excerpt,
                    status, visibility, published_at, created_at, updated_at, author_id, stated_reading_minutes,
                    reading_minutes, feature_image, feature_image_alt, excerpt_in_preview, auto_read_also,
                    feature_image_caption)
                VALUES (\(plan.title), \(plan.titleKey), \(slug), \(draft.markdown), \(plan.rendered.html),
                    \(plan.readAlsoLines), \(plan.excerpt), \(plan.customExcerpt), \(PostStatus.draft.rawValue),
                    \(draft.visibility.rawValue), NULL, \(plan.now), \(plan.now), \(draft.authorID), NULL,
                    \(plan.readingMinutes), \(draft.featureImage), \(draft.featureImageAlt),
                    \(plan.excerptInPreview ? 1 : 0), \(draft.autoReadAlso ? 1 : 0), \(draft.featureImageCaption))
                """)
            _ = try Self.replaceTags(db, postID: id, tags: plan.tags, now: plan.now, status: .draft, publishedAt: nil)
            try SearchIndex.update(db, postID: id)
            try Self.keepRevision(db, postID: id, plan, savedBy: savedBy, reason: .created)
            let touched = TouchedKeys.edit(postID: id, before: nil, after: nil)
            try Self.recordChange(db, touched, now: plan.now)
            return EditedPost(post: try Self.requirePost(db, id: id), touched: touched)
        }
    }

    public func updatePost(
        id: Int64, _ draft: PostDraft, expectedUpdatedAt: Date?, savedBy: Int64?, reason: RevisionReason
    ) async throws -> EditedPost {
        let plan = try PostDraftPlan(draft, now: clock.now(), images: try await bodyImages(draft.markdown))
        return try await engine.write { db in
            let stored = try Self.lockPost(db, id: id, expectedUpdatedAt: expectedUpdatedAt)
            try Self.requireAuthor(db, id: draft.authorID)
            if let slug = plan.requestedSlug, slug != stored.slug {
                // Readers' links to a post they have seen keep working; a draft's slug was never out.
                try Self.moveSlug(
                    db, postID: id, from: stored.slug, to: slug, takingOverRedirect: false,
                    keepingOldSlug: stored.hasBeenPublic, now: plan.now)
            }
            try db.execute(
                """
                UPDATE posts SET title = \(plan.title), title_key = \(plan.titleKey), body = \(draft.markdown),
                    body_html = \(plan.rendered.html), read_also = \(plan.readAlsoLines), excerpt = \(plan.excerpt),
                    custom_excerpt = \(plan.customExcerpt), visibility = \(draft.visibility.rawValue),
                    excerpt_in_preview = \(plan.excerptInPreview ? 1 : 0), updated_at = \(plan.now), author_id = \(draft.authorID),
                    reading_minutes = COALESCE(stated_reading_minutes, \(plan.readingMinutes)),
                    feature_image = \(draft.featureImage), feature_image_alt = \(draft.featureImageAlt),
                    auto_read_also = \(draft.autoReadAlso ? 1 : 0), feature_image_caption = \(draft.featureImageCaption)
                WHERE id = \(id)
                """)
            let tagIDs = try Self.replaceTags(
                db, postID: id, tags: plan.tags, now: plan.now, status: stored.status, publishedAt: stored.publishedAt)
            try SearchIndex.update(db, postID: id)
            let after = TouchedKeys.Placement(
                postID: id, authorID: draft.authorID, titleKey: plan.titleKey, tagIDs: tagIDs)
            let publicAfter = stored.isPublic ? after : nil
            try PostCounts.adjust(db, removing: stored.publicPlacement, adding: publicAfter)
            try Self.keepRevision(db, postID: id, plan, savedBy: savedBy, reason: reason)
            if stored.isPublic {
                // What it is about may have changed: its related list and its neighbours'.
                try Self.markRelatedStale(db, postID: id)
            }
            var touched = TouchedKeys.edit(postID: id, before: stored.publicPlacement, after: publicAfter)
            if reason == .autosaved, !stored.isPublic {
                // Typing in a draft changes nothing readers see: no node needs to hear of it.
                touched = []
            } else {
                try Self.recordChange(db, touched, now: plan.now)
            }
            return EditedPost(post: try Self.requirePost(db, id: id), touched: touched)
        }
    }

    public func deletePost(id: Int64) async throws -> Set<ChangeKey> {
        let now = clock.now()
        return try await engine.write { db in
            let stored = try Self.lockPost(db, id: id, expectedUpdatedAt: nil)
            try PostCounts.adjust(db, removing: stored.publicPlacement, adding: nil)
            // The foreign keys cascade too; said here so neither engine's settings matter.
            try db.execute("DELETE FROM post_tags WHERE post_id = \(id)")
            try db.execute("DELETE FROM post_revisions WHERE post_id = \(id)")
            try db.execute("DELETE FROM slug_redirects WHERE post_id = \(id)")
            try SearchIndex.remove(db, postIDs: [id])
            try db.execute("DELETE FROM posts WHERE id = \(id)")
            // The refresh drops its list and recomputes those naming it.
            try Self.markRelatedStale(db, postID: id)
            let touched = TouchedKeys.edit(postID: id, before: stored.publicPlacement, after: nil)
            try Self.recordChange(db, touched, now: now)
            return touched
        }
    }

    /// Reads post `id` for a write, locked until the transaction ends, and refuses to go on when
    /// it changed since the editor loaded it (``LockedPost/check(expectedUpdatedAt:)``).
    static func lockPost(_ db: any SQLConnection, id: Int64, expectedUpdatedAt: Date?) throws -> LockedPost {
        guard
            let row = try db.fetchOne(
                "SELECT \(LockedPost.columns) FROM posts WHERE id = \(id)\(sqlite: "", postgres: " FOR UPDATE")")
        else { throw StoreError.notFound("post \(id)") }
        let stored = LockedPost(
            id: id, slug: try row["slug"], status: PostStatus(rawValue: try row["status"]) ?? .draft,
            publishedAt: try row["published_at"], updatedAt: try row["updated_at"],
            placement: try placement(db, row: row))
        try stored.check(expectedUpdatedAt: expectedUpdatedAt)
        return stored
    }

    /// A post is credited to an existing author; a form naming another is refused, not a 500.
    static func requireAuthor(_ db: any SQLConnection, id: Int64) throws {
        guard try db.value("SELECT 1 FROM authors WHERE id = \(id)", as: Int.self) != nil else {
            throw StoreError.invalidInput("there is no author \(id)")
        }
    }

    /// Whether a post has `slug`, or it is an old slug that still redirects.
    static func slugInUse(_ db: any SQLConnection, _ slug: String) throws -> Bool {
        try db.value(
            "SELECT 1 FROM posts WHERE slug = \(slug) UNION ALL SELECT 1 FROM slug_redirects WHERE old_slug = \(slug)",
            as: Int.self) != nil
    }

    /// The post as now stored, read back in the write's transaction: the `updatedAt` an editor
    /// sends with their next save is exactly the stored one.
    static func requirePost(_ db: any SQLConnection, id: Int64) throws -> Post {
        guard let post = try fetchPost(db, where: "p.id = \(id)") else { throw StoreError.notFound("post \(id)") }
        return post
    }
}
