import BylineCore
import Foundation

/// Newsletter sends and the delivery queue. A claim first looks for due deliveries with a plain
/// read, so idle workers on every node never open a write transaction; on PostgreSQL it locks
/// its candidates with `FOR UPDATE SKIP LOCKED`, so nodes claiming at once take different
/// deliveries without waiting for one another. On SQLite every change is one IMMEDIATE
/// transaction, which is atomic the same way.
extension SiteStore: NewsletterDeliveryQueue {
    static let sendColumns: SQL = "id, post_id, newsletter_id, subject, html, text_body, site_url, created_at"

    public func createNewsletterSend(
        postID: Int64, newsletterID: Int64, subject: String, html: String, text: String, siteURL: String
    ) async throws -> NewsletterSend {
        let now = clock.now()
        return try await engine.write { db in
            // A concurrent call with the same pair waits for this one, then finds its row.
            try db.execute(
                """
                INSERT INTO newsletter_sends (post_id, newsletter_id, subject, html, text_body, site_url, created_at)
                VALUES (\(postID), \(newsletterID), \(subject), \(html), \(text), \(siteURL), \(now))
                ON CONFLICT (post_id, newsletter_id) DO NOTHING
                """)
            guard
                let row = try db.fetchOne(
                    """
                    SELECT \(Self.sendColumns) FROM newsletter_sends
                    WHERE post_id = \(postID) AND newsletter_id = \(newsletterID)
                    """)
            else { throw StoreError.notFound("the newsletter send of post \(postID)") }
            return try Self.newsletterSend(row)
        }
    }

    public func newsletterSend(id: Int64) async throws -> NewsletterSend? {
        try await engine.read { db in
            try db.fetchOne("SELECT \(Self.sendColumns) FROM newsletter_sends WHERE id = \(id)")
                .map(Self.newsletterSend)
        }
    }

    public func newsletterSends(postID: Int64) async throws -> [NewsletterSend] {
        try await engine.read { db in
            try db.fetchAll("SELECT \(Self.sendColumns) FROM newsletter_sends WHERE post_id = \(postID) ORDER BY id")
                .map(Self.newsletterSend)
        }
    }

    public func recentNewsletterSends(limit: Int) async throws -> [NewsletterSendSummary] {
        try await engine.read { db in
            let rows = try db.fetchAll(
                """
                SELECT s.id, s.post_id, p.title, s.newsletter_id, n.name, s.subject, s.created_at
                FROM newsletter_sends s JOIN posts p ON p.id = s.post_id JOIN newsletters n ON n.id = s.newsletter_id
                ORDER BY s.id DESC LIMIT \(max(1, min(limit, 200)))
                """)
            return try rows.map { row in
                let id: Int64 = try row["id"]
                return NewsletterSendSummary(
                    id: id, postID: try row["post_id"], postTitle: try row["title"],
                    newsletterID: try row["newsletter_id"], newsletterName: try row["name"],
                    subject: try row["subject"], createdAt: try row["created_at"],
                    progress: try Self.deliveryProgress(db, sendID: id))
            }
        }
    }

    public func enqueueDeliveries(sendID: Int64) async throws -> Int {
        try await engine.longWrite { db in
            let now = try self.coordinationNow(db)
            guard
                let send = try db.fetchOne(
                    "SELECT post_id, newsletter_id FROM newsletter_sends WHERE id = \(sendID)")
            else { throw StoreError.notFound("newsletter send \(sendID)") }
            let postID: Int64 = try send["post_id"]
            let newsletterID: Int64 = try send["newsletter_id"]
            // One statement walks the newsletter's subscribers by index; the unique (post, member)
            // pair makes a second run, or a member of two newsletters, add nothing twice. It
            // counts its own rows (SQLite's changes(), a counting CTE on PostgreSQL), not the
            // table's: another node may be adding at the same moment.
            let insert: SQL = """
                INSERT INTO newsletter_deliveries (send_id, post_id, member_id, status, attempts, run_at)
                SELECT \(sendID), \(postID), mn.member_id, 'queued', 0, \(now)
                FROM member_newsletters mn JOIN members m ON m.id = mn.member_id
                WHERE mn.newsletter_id = \(newsletterID) AND m.status = 'confirmed' AND m.email_disabled = 0
                ORDER BY mn.member_id
                ON CONFLICT (post_id, member_id) DO NOTHING
                """
            if db.dialect == .postgres {
                return try db.value("WITH added AS (" + insert + " RETURNING 1) SELECT COUNT(*) FROM added") ?? 0
            }
            try db.execute(insert)
            return try db.value("SELECT changes()") ?? 0
        }
    }

    /// Deliveries whose lease has run out, then queued ones whose time has come.
    static let expiredLeases: SQL = "status = 'sending' AND locked_until < "
    static let dueQueued: SQL = "status = 'queued' AND run_at <= "

    public func claimDeliveries(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedDelivery] {
        let seconds = try JobRules.leaseSeconds(lease)
        let limit = max(1, min(limit, DeliveryRules.maxClaim))
        let anyDue = try await engine.read { db in
            let now = try self.coordinationNow(db)
            return try db.value(
                """
                SELECT 1 FROM newsletter_deliveries
                WHERE (\(Self.dueQueued)\(now)) OR (\(Self.expiredLeases)\(now)) LIMIT 1
                """) as Int? != nil
        }
        guard anyDue else { return [] }
        return try await engine.write { db in
            let now = try self.coordinationNow(db)
            var candidates = try db.fetchAll(
                """
                SELECT id, attempts FROM newsletter_deliveries WHERE \(Self.expiredLeases)\(now)
                ORDER BY locked_until, id LIMIT \(limit)\(sqlite: "", postgres: " FOR UPDATE SKIP LOCKED")
                """)
            if candidates.count < limit {
                candidates += try db.fetchAll(
                    """
                    SELECT id, attempts FROM newsletter_deliveries WHERE \(Self.dueQueued)\(now)
                    ORDER BY run_at, id LIMIT \(limit - candidates.count)\(sqlite: "", postgres: " FOR UPDATE SKIP LOCKED")
                    """)
            }
            var claim: [Int64] = []
            var exhausted: [Int64] = []
            for row in candidates {
                let attempts: Int = try row["attempts"]
                if attempts >= DeliveryRules.maxAttempts {
                    exhausted.append(try row["id"])
                } else {
                    claim.append(try row["id"])
                }
            }
            if !exhausted.isEmpty {
                try db.execute(
                    """
                    UPDATE newsletter_deliveries SET status = 'failed', locked_until = NULL, finished_at = \(now),
                        last_error = 'the lease of the last attempt expired before it finished'
                    WHERE id IN \(list: exhausted)
                    """)
            }
            guard !claim.isEmpty else { return [] }
            try db.execute(
                """
                UPDATE newsletter_deliveries SET status = 'sending', attempts = attempts + 1,
                    locked_by = \(worker), locked_until = \(now.addingTimeInterval(seconds))
                WHERE id IN \(list: claim)
                """)
            let rows = try db.fetchAll(
                """
                SELECT d.id, d.send_id, d.post_id, s.newsletter_id, d.member_id, d.attempts, m.email, m.name,
                    m.status AS member_status, m.email_disabled,
                    (SELECT COUNT(*) FROM member_newsletters mn
                        WHERE mn.member_id = d.member_id AND mn.newsletter_id = s.newsletter_id) AS subscribed
                FROM newsletter_deliveries d
                JOIN newsletter_sends s ON s.id = d.send_id JOIN members m ON m.id = d.member_id
                WHERE d.id IN \(list: claim) ORDER BY d.id
                """)
            var claimed: [ClaimedDelivery] = []
            var skipped: [Int64] = []
            for row in rows {
                let id: Int64 = try row["id"]
                let subscribed: Int = try row["subscribed"]
                let disabled: Int = try row["email_disabled"]
                let status: String = try row["member_status"]
                // Whoever left between the send's start and now gets nothing.
                guard subscribed > 0, disabled == 0, status == "confirmed" else {
                    skipped.append(id)
                    continue
                }
                claimed.append(
                    ClaimedDelivery(
                        id: id, sendID: try row["send_id"], postID: try row["post_id"],
                        newsletterID: try row["newsletter_id"], memberID: try row["member_id"],
                        email: try row["email"], name: try row["name"], attempts: try row["attempts"]))
            }
            if !skipped.isEmpty {
                try db.execute(
                    """
                    UPDATE newsletter_deliveries SET status = 'skipped', locked_until = NULL, finished_at = \(now)
                    WHERE id IN \(list: skipped)
                    """)
            }
            return claimed
        }
    }

    public func recordDeliveries(_ outcomes: [DeliveryOutcome], worker: String) async throws -> Int {
        guard !outcomes.isEmpty else { return 0 }
        return try await engine.write { db in
            let now = try self.coordinationNow(db)
            // Held: still `sending` under this worker's name. A lease that ran out but was not
            // taken over still counts, so a sent message is not sent again for nothing.
            let held: SQL = "status = 'sending' AND locked_by = \(worker)"
            var recorded = 0
            var bounced: [Int64] = []
            let sent = outcomes.compactMap { outcome -> Int64? in
                if case .sent(let id) = outcome { return id }
                return nil
            }
            if !sent.isEmpty {
                recorded += try db.fetchAll(
                    """
                    UPDATE newsletter_deliveries SET status = 'sent', locked_until = NULL, finished_at = \(now),
                        last_error = NULL
                    WHERE id IN \(list: sent) AND \(held) RETURNING id
                    """
                ).count
            }
            for outcome in outcomes {
                switch outcome {
                case .sent:
                    continue
                case .retry(let id, let error):
                    // Locked on PostgreSQL, so a claimer cannot take it between this read and the
                    // write (the write checks the holder again all the same).
                    guard
                        let attempts: Int = try db.value(
                            """
                            SELECT attempts FROM newsletter_deliveries WHERE id = \(id) AND \(held)\(sqlite: "", postgres: " FOR UPDATE")
                            """)
                    else { continue }
                    let error = String(error.prefix(DeliveryRules.maxErrorLength))
                    if attempts >= DeliveryRules.maxAttempts {
                        try db.execute(
                            """
                            UPDATE newsletter_deliveries SET status = 'failed', locked_until = NULL,
                                finished_at = \(now), last_error = \(error)
                            WHERE id = \(id) AND \(held)
                            """)
                    } else {
                        let runAt = now.addingTimeInterval(DeliveryRules.retryDelay(afterAttempt: attempts))
                        try db.execute(
                            """
                            UPDATE newsletter_deliveries SET status = 'queued', locked_until = NULL,
                                run_at = \(runAt), last_error = \(error)
                            WHERE id = \(id) AND \(held)
                            """)
                    }
                    recorded += 1
                case .deferred(let id, let error):
                    let runAt = now.addingTimeInterval(DeliveryRules.deferDelay)
                    recorded += try db.fetchAll(
                        """
                        UPDATE newsletter_deliveries SET status = 'queued', locked_until = NULL, run_at = \(runAt),
                            attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                            last_error = \(String(error.prefix(DeliveryRules.maxErrorLength)))
                        WHERE id = \(id) AND \(held) RETURNING id
                        """
                    ).count
                case .failed(let id, let error, let hardBounce):
                    guard
                        let member: Int64 = try db.value(
                            """
                            UPDATE newsletter_deliveries SET status = 'failed', locked_until = NULL,
                                finished_at = \(now), last_error = \(String(error.prefix(DeliveryRules.maxErrorLength)))
                            WHERE id = \(id) AND \(held) RETURNING member_id
                            """)
                    else { continue }
                    if hardBounce { bounced.append(member) }
                    recorded += 1
                }
            }
            // Members last, in id order: two nodes recording bounces of the same members lock
            // them in the same order, so neither waits on the other in a circle.
            for member in bounced.sorted() { try Self.countHardBounce(db, memberID: member, now: now) }
            return recorded
        }
    }

    public func extendDeliveryLeases(ids: [Int64], worker: String, lease: Duration) async throws -> Set<Int64> {
        let seconds = try JobRules.leaseSeconds(lease)
        guard !ids.isEmpty else { return [] }
        return try await engine.write { db in
            let now = try self.coordinationNow(db)
            let rows = try db.fetchAll(
                """
                UPDATE newsletter_deliveries SET locked_until = \(now.addingTimeInterval(seconds))
                WHERE id IN \(list: ids) AND status = 'sending' AND locked_by = \(worker) RETURNING id
                """)
            return Set(try rows.map { try $0["id"] as Int64 })
        }
    }

    public func deliveryProgress(sendID: Int64) async throws -> DeliveryProgress {
        try await engine.read { db in try Self.deliveryProgress(db, sendID: sendID) }
    }

    public func emailNewsletterID(postID: Int64) async throws -> Int64? {
        try await engine.read { db in
            try db.value("SELECT email_newsletter_id FROM posts WHERE id = \(postID)")
        }
    }

    static func deliveryProgress(_ db: any SQLConnection, sendID: Int64) throws -> DeliveryProgress {
        var progress = DeliveryProgress()
        for row in try db.fetchAll(
            "SELECT status, COUNT(*) AS count FROM newsletter_deliveries WHERE send_id = \(sendID) GROUP BY status")
        {
            guard let status = DeliveryStatus(rawValue: try row["status"]) else { continue }
            progress[status] = try row["count"]
        }
        return progress
    }

    static func newsletterSend(_ row: SQLRow) throws -> NewsletterSend {
        NewsletterSend(
            id: try row["id"], postID: try row["post_id"], newsletterID: try row["newsletter_id"],
            subject: try row["subject"], html: try row["html"], text: try row["text_body"],
            siteURL: try row["site_url"], createdAt: try row["created_at"])
    }

    /// Queues the post's newsletter send when it has just gone live with a "send by email"
    /// choice and has not been emailed: in the publishing transaction, so a post is never live
    /// without its email on the way, and (one job per post, ever) never emailed twice.
    static func enqueueNewsletterSendIfChosen(_ db: any SQLConnection, postID: Int64, now: Date) throws {
        guard let newsletterID: Int64 = try db.value("SELECT email_newsletter_id FROM posts WHERE id = \(postID)")
        else { return }
        if try db.value("SELECT 1 FROM newsletter_sends WHERE post_id = \(postID) LIMIT 1") as Int? != nil { return }
        let job = NewsletterSendJob.newJob(postID: postID, newsletterID: newsletterID)
        if try insertJob(db, job, now: now) != nil { return }
        // A job that ended without a send (the post was taken down before it ran) is the post's
        // one job still: put it back to work for this publication. One running now may have
        // read the post as a draft a moment ago: it is queued again too (its worker loses the
        // lease, and the job, which is safe to run twice, runs once more).
        try db.execute(
            """
            UPDATE jobs SET status = 'queued', payload = \(job.payload), attempts = 0, run_at = \(now),
                locked_by = NULL, locked_until = NULL, updated_at = \(now)
            WHERE unique_key = \(job.uniqueKey) AND status IN ('done', 'failed', 'running')
            """)
    }
}
