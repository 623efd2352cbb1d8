import BylineCore
import Foundation

/// Whether and when readers see a post: the newsroom's publish, schedule and unpublish, the
/// scheduler's round, and the conversion of posts scheduled the old way.
extension SiteStore {
    /// How many due posts one ``publishDuePosts()`` publishes; the scheduler's next round, a
    /// second later, takes the rest. Bounds one transaction after a long downtime.
    static let duePostsPerRound = 200

    public func setPublication(
        postID: Int64, _ publication: Publication, email: PostEmailChoice, expectedUpdatedAt: Date?, savedBy: Int64?
    ) async throws -> EditedPost {
        let now = clock.now()
        return try await engine.write { db in
            let stored = try Self.lockPost(db, id: postID, expectedUpdatedAt: expectedUpdatedAt)
            let change = try PublicationChange(
                publication, from: stored.status, publishedAt: stored.publishedAt, now: now)
            try Self.applyEmailChoice(db, email, postID: postID, unpublishing: change.status == .draft)
            try db.execute(
                """
                UPDATE posts SET status = \(change.status.rawValue), published_at = \(change.publishedAt),
                    updated_at = \(now)
                WHERE id = \(postID)
                """)
            try Self.setTagListingState(db, postID: postID, status: change.status, publishedAt: change.publishedAt)
            let publicAfter = change.status == .published ? stored.placement : nil
            try PostCounts.adjust(db, removing: stored.publicPlacement, adding: publicAfter)
            if change.status == .published {
                try Self.keepRevision(db, snapshotOf: postID, savedBy: savedBy, reason: .published, now: now)
                try Self.enqueueNewsletterSendIfChosen(db, postID: postID, now: try self.coordinationNow(db))
            }
            try Self.markRelatedStale(db, postID: postID)
            let touched = TouchedKeys.edit(postID: postID, before: stored.publicPlacement, after: publicAfter)
            try Self.recordChange(db, touched, now: now)
            return EditedPost(post: try Self.requirePost(db, id: postID), touched: touched)
        }
    }

    /// Each due post is published by one conditional `UPDATE` (`... AND status = 'scheduled'`),
    /// and on PostgreSQL the due rows are locked with `SKIP LOCKED`: a node running at the same
    /// moment skips what this one took, and a row published meanwhile changes nothing. "Now" is
    /// the coordination clock, so nodes whose clocks disagree agree on what is due. The post's
    /// `updated_at` stays: its content did not change, and an editor with it open can still save.
    public func publishDuePosts() async throws -> [Int64] {
        try await engine.write { db in
            let now = try self.coordinationNow(db)
            let due = try db.fetchAll(
                """
                SELECT id FROM posts WHERE status = 'scheduled' AND published_at <= \(now)
                ORDER BY status, published_at, id LIMIT \(Self.duePostsPerRound)\(sqlite: "", postgres: " FOR UPDATE SKIP LOCKED")
                """
            ).map { try $0["id"] as Int64 }
            var published: [Int64] = []
            var touched: Set<ChangeKey> = []
            for id in due {
                guard
                    let row = try db.fetchOne(
                        """
                        UPDATE posts SET status = 'published' WHERE id = \(id) AND status = 'scheduled'
                        RETURNING id, author_id, title_key, published_at
                        """)
                else { continue }
                try Self.setTagListingState(db, postID: id, status: .published, publishedAt: try row["published_at"])
                try Self.enqueueNewsletterSendIfChosen(db, postID: id, now: now)
                let placement = try Self.placement(db, row: row)
                try PostCounts.adjust(db, removing: nil, adding: placement)
                touched.formUnion(TouchedKeys.listing(placement))
                try Self.markRelatedStale(db, postID: id)
                published.append(id)
            }
            if !published.isEmpty { try Self.recordChange(db, touched, now: self.clock.now()) }
            return published
        }
    }

    /// Before scheduling had a status, a `published` post dated in the future was how a post was
    /// scheduled. This turns each such post into a `scheduled` one, so the scheduler publishes it
    /// and counts leave it out until then; returns how many posts it moved. Opening a store runs
    /// it after the migrations (``SiteStore/sqlite(path:clock:)``, ``PostgresEngine/migrate()``):
    /// one index range when there is nothing to do, and each row moves once when several nodes
    /// start together.
    static func scheduleFutureDatedPosts(_ db: any SQLConnection, now: Date) throws -> Int {
        let rows = try db.fetchAll(
            """
            UPDATE posts SET status = 'scheduled' WHERE status = 'published' AND published_at > \(now)
            RETURNING id, author_id, title_key, published_at
            """)
        var touched: Set<ChangeKey> = []
        for row in rows {
            let id: Int64 = try row["id"]
            try setTagListingState(db, postID: id, status: .scheduled, publishedAt: try row["published_at"])
            let placement = try placement(db, row: row)
            try PostCounts.adjust(db, removing: placement, adding: nil)
            touched.formUnion(TouchedKeys.listing(placement))
        }
        if !rows.isEmpty { try recordChange(db, touched, now: now) }
        return rows.count
    }

    /// ``scheduleFutureDatedPosts(_:now:)`` by the store's clock: an import that stated
    /// `published` with a date to come, on a running site.
    public func scheduleFutureDatedPosts() async throws -> Int {
        let now = clock.now()
        return try await engine.write { db in try Self.scheduleFutureDatedPosts(db, now: now) }
    }

    /// ``scheduleFutureDatedPosts(_:now:)`` for an engine being opened, before any store has a
    /// clock: by the database server's clock on PostgreSQL (the one due times follow there).
    public static func scheduleFutureDatedPosts(in engine: any SQLEngine) async throws -> Int {
        try await engine.longWrite { db in
            let now: Date? = db.dialect == .postgres ? try db.value("SELECT CURRENT_TIMESTAMP") : Date()
            guard let now else { throw SQLDecodingError.unexpectedNull("CURRENT_TIMESTAMP") }
            return try scheduleFutureDatedPosts(db, now: now)
        }
    }

    /// Copies a post's status and date onto its tag rows, which tag listings walk in order.
    static func setTagListingState(_ db: any SQLConnection, postID: Int64, status: PostStatus, publishedAt: Date?)
        throws
    {
        try db.execute(
            "UPDATE post_tags SET status = \(status.rawValue), published_at = \(publishedAt) WHERE post_id = \(postID)")
    }

    /// Writes the "send by email" choice; see ``NewsroomPosts/setPublication(postID:_:email:expectedUpdatedAt:savedBy:)``.
    static func applyEmailChoice(_ db: any SQLConnection, _ choice: PostEmailChoice, postID: Int64, unpublishing: Bool)
        throws
    {
        var newsletterID: Int64?
        switch choice {
        case .keep:
            guard unpublishing else { return }
            newsletterID = nil
        case .none:
            newsletterID = nil
        case .newsletter(let id):
            guard !unpublishing else {
                throw StoreError.invalidInput("a post taken back to a draft is not emailed: publish or schedule it")
            }
            guard try db.value("SELECT 1 FROM newsletters WHERE id = \(id) AND active = 1") as Int? != nil else {
                throw StoreError.invalidInput("there is no active newsletter \(id) to send the post to")
            }
            if let sent: Int64 = try db.value(
                "SELECT newsletter_id FROM newsletter_sends WHERE post_id = \(postID) ORDER BY id LIMIT 1")
            {
                // Naming the newsletter it went to (a client sending back what it read) is no change.
                if sent == id { return }
                throw StoreError.invalidInput(
                    "the post was already emailed; `byline newsletter send` sends it to members who joined since")
            }
            newsletterID = id
        }
        try db.execute("UPDATE posts SET email_newsletter_id = \(newsletterID) WHERE id = \(postID)")
    }
}
