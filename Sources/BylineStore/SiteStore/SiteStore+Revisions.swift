import BylineCore
import Foundation

/// A post's revisions: what each save kept, for the history list, comparing and restoring.
extension SiteStore {
    public func revisions(postID: Int64) async throws -> [PostRevision] {
        try await engine.read { db in
            try Self.revisions(db, "r.post_id = \(postID) ORDER BY r.id DESC")
        }
    }

    public func revision(id: Int64) async throws -> PostRevision? {
        try await engine.read { db in try Self.revisions(db, "r.id = \(id)").first }
    }

    /// Revisions matching `condition` (on `post_revisions r`, with its ORDER BY), with the name
    /// of the staff member who saved each. A post's revisions are one range of
    /// `post_revisions_post`.
    static func revisions(_ db: any SQLConnection, _ condition: SQL) throws -> [PostRevision] {
        try db.fetchAll(
            """
            SELECT r.id, r.post_id, r.title, r.body, r.custom_excerpt, r.tags, r.saved_by, r.reason, r.created_at,
                u.name AS saved_by_name
            FROM post_revisions r LEFT JOIN staff_users u ON u.id = r.saved_by
            WHERE \(condition)
            """
        ).map { row in
            let tags: String = try row["tags"]
            return PostRevision(
                id: try row["id"], postID: try row["post_id"], title: try row["title"], markdown: try row["body"],
                customExcerpt: try row["custom_excerpt"], tagNames: tags.split(separator: "\n").map(String.init),
                savedBy: try row["saved_by"], savedByName: try row["saved_by_name"],
                reason: RevisionReason(rawValue: try row["reason"]) ?? .saved, createdAt: try row["created_at"])
        }
    }

    /// Keeps the draft `plan` saves as a revision of post `postID`. An autosave replaces the
    /// latest revision when that is an autosave by the same writer: a writer typing for an hour
    /// leaves one revision, not one a minute, and never takes the place of another writer's
    /// words. Every other save keeps a new one.
    static func keepRevision(
        _ db: any SQLConnection, postID: Int64, _ plan: PostDraftPlan, savedBy: Int64?, reason: RevisionReason
    ) throws {
        try keepRevision(
            db, postID: postID,
            RevisionContent(
                title: plan.title, markdown: plan.draft.markdown, customExcerpt: plan.customExcerpt,
                tagLines: plan.tagLines),
            savedBy: savedBy, reason: reason, now: plan.now)
    }

    /// Keeps post `postID` as now stored as a revision (publishing keeps what went live).
    static func keepRevision(
        _ db: any SQLConnection, snapshotOf postID: Int64, savedBy: Int64?, reason: RevisionReason, now: Date
    ) throws {
        guard let row = try db.fetchOne("SELECT title, body, custom_excerpt FROM posts WHERE id = \(postID)") else {
            throw StoreError.notFound("post \(postID)")
        }
        let tags = try tagsByPost(db, postIDs: [postID])[postID] ?? []
        try keepRevision(
            db, postID: postID,
            RevisionContent(
                title: try row["title"], markdown: try row["body"], customExcerpt: try row["custom_excerpt"],
                tagLines: tags.map(\.name).joined(separator: "\n")),
            savedBy: savedBy, reason: reason, now: now)
    }

    /// What a revision holds of a post.
    struct RevisionContent {
        var title: String
        var markdown: String
        var customExcerpt: String?
        var tagLines: String
    }

    private static func keepRevision(
        _ db: any SQLConnection, postID: Int64, _ content: RevisionContent, savedBy: Int64?, reason: RevisionReason,
        now: Date
    ) throws {
        // A user removed meanwhile (or an id that never was) saves as nobody rather than failing.
        let savedByUser: SQL = "(SELECT id FROM staff_users WHERE id = \(savedBy))"
        if reason == .autosaved,
            let latest = try db.fetchOne(
                "SELECT id, reason, saved_by FROM post_revisions WHERE post_id = \(postID) ORDER BY id DESC LIMIT 1"),
            try latest["reason"] as String == RevisionReason.autosaved.rawValue,
            try latest["saved_by"] as Int64? == savedBy
        {
            let id: Int64 = try latest["id"]
            try db.execute(
                """
                UPDATE post_revisions SET title = \(content.title), body = \(content.markdown),
                    custom_excerpt = \(content.customExcerpt), tags = \(content.tagLines), saved_by = \(savedByUser),
                    created_at = \(now)
                WHERE id = \(id)
                """)
            return
        }
        try db.execute(
            """
            INSERT INTO post_revisions (post_id, title, body, custom_excerpt, tags, saved_by, reason, created_at)
            VALUES (\(postID), \(content.title), \(content.markdown), \(content.customExcerpt), \(content.tagLines),
                \(savedByUser), \(reason.rawValue), \(now))
            """)
    }
}
