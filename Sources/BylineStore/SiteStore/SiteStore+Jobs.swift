import Foundation

/// The job queue, shared by every node on the database. A claim first looks for a due job with
/// a plain read, so an idle worker never opens a write transaction. On PostgreSQL the claim
/// locks its candidate row with `FOR UPDATE SKIP LOCKED`, so nodes claiming at once each get a
/// different job without waiting for one another; every other change locks the job's row and
/// checks the lease first (``JobRules/holds(_:worker:now:)``), so it cannot overtake a claim. On
/// SQLite each change is one IMMEDIATE transaction, which holds the single write lock from its
/// first read: reading a job and writing what ``JobRules`` makes of it is atomic there too.
extension SiteStore: JobQueue {
    static let jobColumns: SQL =
        "id, kind, payload, unique_key, status, run_at, attempts, max_attempts, locked_by, locked_until, last_error"

    public func enqueue(_ new: NewJob) async throws -> Int64 {
        try JobRules.validate(new)
        return try await engine.write { db in
            if let id = try Self.insertJob(db, new, now: try self.coordinationNow(db)) { return id }
            guard let id: Int64 = try db.value("SELECT id FROM jobs WHERE unique_key = \(new.uniqueKey)") else {
                throw StoreError.notFound("job \(new.uniqueKey ?? "")")
            }
            return id
        }
    }

    /// Adds a validated job inside a write; nil when its unique key is taken (a concurrent
    /// enqueue with the same key makes this one wait for it, then do nothing).
    static func insertJob(_ db: any SQLConnection, _ new: NewJob, now: Date) throws -> Int64? {
        try db.value(
            """
            INSERT INTO jobs (kind, payload, unique_key, status, run_at, attempts, max_attempts,
                created_at, updated_at)
            VALUES (\(new.kind), \(new.payload), \(new.uniqueKey), 'queued', \(new.runAt ?? now), 0,
                \(new.maxAttempts), \(now), \(now))
            ON CONFLICT (unique_key) DO NOTHING RETURNING id
            """)
    }

    /// Queued jobs whose time has come, or running jobs whose lease has run out.
    static func due(kinds: [String], now: Date) -> SQL {
        """
        kind IN \(list: kinds)
            AND ((status = 'queued' AND run_at <= \(now)) OR (status = 'running' AND locked_until < \(now)))
        """
    }

    public func claim(worker: String, kinds: [String], lease: Duration) async throws -> Job? {
        let seconds = try JobRules.leaseSeconds(lease)
        guard !kinds.isEmpty else { return nil }
        let anyDue = try await engine.read { db in
            try db.value(
                "SELECT 1 FROM jobs WHERE \(Self.due(kinds: kinds, now: try self.coordinationNow(db))) LIMIT 1")
                as Int? != nil
        }
        guard anyDue else { return nil }
        return try await engine.write { db in
            let now = try self.coordinationNow(db)
            for _ in 0..<JobRules.maxGiveUpsPerClaim {
                guard
                    let row = try db.fetchOne(
                        """
                        SELECT \(Self.jobColumns) FROM jobs WHERE \(Self.due(kinds: kinds, now: now))
                        ORDER BY run_at, id LIMIT 1\(sqlite: "", postgres: " FOR UPDATE SKIP LOCKED")
                        """)
                else { return nil }
                switch JobRules.claim(try Self.job(from: row), worker: worker, now: now, lease: seconds) {
                case .run(let job):
                    try Self.save(db, job, now: now)
                    return job
                case .giveUp(let job):
                    try Self.save(db, job, now: now)
                }
            }
            return nil
        }
    }

    public func complete(jobID: Int64, worker: String) async throws -> Bool {
        try await updateHeld(jobID: jobID, worker: worker) { job, _ in JobRules.completed(job) }
    }

    public func fail(jobID: Int64, worker: String, error: String, retryAt: Date?) async throws -> Bool {
        try await updateHeld(jobID: jobID, worker: worker) { job, now in
            JobRules.failed(job, error: error, retryAt: retryAt, now: now)
        }
    }

    public func extendLease(jobID: Int64, worker: String, lease: Duration) async throws -> Bool {
        let seconds = try JobRules.leaseSeconds(lease)
        return try await updateHeld(jobID: jobID, worker: worker) { job, now in
            JobRules.extended(job, now: now, lease: seconds)
        }
    }

    public func jobCounts() async throws -> JobCounts {
        try await engine.read { db in
            var counts = JobCounts()
            let rows = try db.fetchAll(
                "SELECT status, COUNT(*) AS count, SUM(attempts) AS attempts FROM jobs GROUP BY status")
            for row in rows {
                guard let status = JobStatus(rawValue: try row["status"]) else { continue }
                counts[status] = try row["count"]
                if status == .done { counts.doneAttempts = try row["attempts"] }
            }
            return counts
        }
    }

    public func job(id: Int64) async throws -> Job? {
        try await engine.read { db in
            try db.fetchOne("SELECT \(Self.jobColumns) FROM jobs WHERE id = \(id)").map(Self.job(from:))
        }
    }

    public func pruneFinishedJobs(before date: Date) async throws -> Int {
        try await engine.write { db in
            let finished: SQL = "status IN ('done', 'failed') AND updated_at < \(date)"
            let count: Int = try db.value("SELECT COUNT(*) FROM jobs WHERE \(finished)") ?? 0
            if count > 0 { try db.execute("DELETE FROM jobs WHERE \(finished)") }
            return count
        }
    }

    /// Applies `change` to the job when `worker` holds its lease; false, and nothing written,
    /// otherwise. On PostgreSQL the row lock keeps a claimer from taking the job between check
    /// and write.
    private func updateHeld(
        jobID: Int64, worker: String, _ change: @escaping @Sendable (Job, Date) -> Job
    ) async throws -> Bool {
        try await engine.write { db in
            let now = try self.coordinationNow(db)
            guard
                let row = try db.fetchOne(
                    "SELECT \(Self.jobColumns) FROM jobs WHERE id = \(jobID)\(sqlite: "", postgres: " FOR UPDATE")")
            else { return false }
            let job = try Self.job(from: row)
            guard JobRules.holds(job, worker: worker, now: now) else { return false }
            try Self.save(db, change(job, now), now: now)
            return true
        }
    }

    /// Writes the parts of a job that change after it is enqueued.
    static func save(_ db: any SQLConnection, _ job: Job, now: Date) throws {
        try db.execute(
            """
            UPDATE jobs SET status = \(job.status.rawValue), run_at = \(job.runAt), attempts = \(job.attempts),
                locked_by = \(job.lockedBy), locked_until = \(job.lockedUntil), last_error = \(job.lastError),
                updated_at = \(now)
            WHERE id = \(job.id)
            """)
    }

    static func job(from row: SQLRow) throws -> Job {
        Job(
            id: try row["id"], kind: try row["kind"], payload: try row["payload"], uniqueKey: try row["unique_key"],
            runAt: try row["run_at"], attempts: try row["attempts"], maxAttempts: try row["max_attempts"],
            status: JobStatus(rawValue: try row["status"]) ?? .failed, lockedBy: try row["locked_by"],
            lockedUntil: try row["locked_until"], lastError: try row["last_error"])
    }
}
