import Foundation
import PostgresNIO

/// The job queue on PostgreSQL, shared by every node. A claim locks its candidate row with
/// `FOR UPDATE SKIP LOCKED`, so nodes claiming at once each get a different job without waiting
/// for one another; every other change locks the job's row and checks the lease first
/// (``JobRules/holds(_:worker:now:)``), so it cannot overtake a claim of the same job.
extension PostgresStore: JobQueue {
    static let jobColumns =
        "id, kind, payload, unique_key, status, run_at, attempts, max_attempts, locked_by, locked_until, last_error"

    public func enqueue(_ new: NewJob) async throws -> Int64 {
        try JobRules.validate(new)
        let now = clock.now()
        let runAt = new.runAt ?? now
        return try await write { db in
            // A concurrent enqueue with the same key makes this one wait for it, then do nothing.
            if let id = try await db.value(
                """
                INSERT INTO jobs (kind, payload, unique_key, status, run_at, attempts, max_attempts,
                    created_at, updated_at)
                VALUES (\(new.kind), \(new.payload), \(new.uniqueKey), 'queued', \(runAt), 0, \(new.maxAttempts),
                    \(now), \(now))
                ON CONFLICT (unique_key) DO NOTHING RETURNING id
                """, as: Int64.self)
            {
                return id
            }
            return try Self.required(
                try await db.value("SELECT id FROM jobs WHERE unique_key = \(new.uniqueKey)", as: Int64.self))
        }
    }

    public func claim(worker: String, kinds: [String], lease: Duration) async throws -> Job? {
        let seconds = try JobRules.leaseSeconds(lease)
        guard !kinds.isEmpty else { return nil }
        let now = clock.now()
        return try await write { db in
            for _ in 0..<JobRules.maxGiveUpsPerClaim {
                guard
                    let row = try await db.row(
                        """
                        SELECT \(unescaped: Self.jobColumns) FROM jobs
                        WHERE kind = ANY(\(kinds))
                            AND ((status = 'queued' AND run_at <= \(now)) OR (status = 'running' AND locked_until < \(now)))
                        ORDER BY run_at, id LIMIT 1
                        FOR UPDATE SKIP LOCKED
                        """)
                else { return nil }
                switch JobRules.claim(try Self.job(from: row), worker: worker, now: now, lease: seconds) {
                case .run(let job):
                    try await Self.save(db, job, now: now)
                    return job
                case .giveUp(let job):
                    try await Self.save(db, job, now: now)
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
        try await withSession { db in
            var counts = JobCounts()
            let rows = try await db.rows(
                "SELECT status, COUNT(*) AS count, SUM(attempts) AS attempts FROM jobs GROUP BY status")
            for row in rows {
                guard let status = JobStatus(rawValue: try row.value("status")) else { continue }
                counts[status] = try row.value("count", as: Int.self)
                if status == .done { counts.doneAttempts = try row.value("attempts", as: Int.self) }
            }
            return counts
        }
    }

    public func job(id: Int64) async throws -> Job? {
        try await withSession { db in
            guard let row = try await db.row("SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(id)") else {
                return nil
            }
            return try Self.job(from: row)
        }
    }

    /// Applies `change` to the job when `worker` holds its lease; false, and nothing written,
    /// otherwise. The row lock keeps a claimer from taking the job between check and write.
    private func updateHeld(
        jobID: Int64, worker: String, _ change: @escaping @Sendable (Job, Date) -> Job
    ) async throws -> Bool {
        let now = clock.now()
        return try await write { db in
            guard
                let row = try await db.row(
                    "SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(jobID) FOR UPDATE")
            else { return false }
            let job = try Self.job(from: row)
            guard JobRules.holds(job, worker: worker, now: now) else { return false }
            try await Self.save(db, change(job, now), now: now)
            return true
        }
    }

    /// Writes the parts of a job that change after it is enqueued.
    static func save(_ db: PostgresSession, _ job: Job, now: Date) async throws {
        try await db.execute(
            """
            UPDATE jobs SET status = \(job.status.rawValue), run_at = \(job.runAt), attempts = \(job.attempts),
                locked_by = \(job.lockedBy), locked_until = \(job.lockedUntil), last_error = \(job.lastError),
                updated_at = \(now)
            WHERE id = \(job.id)
            """)
    }

    static func job(from row: PostgresRandomAccessRow) throws -> Job {
        Job(
            id: try row.value("id"), kind: try row.value("kind"), payload: try row.value("payload"),
            uniqueKey: try row.value("unique_key"), runAt: try row.value("run_at"),
            attempts: try row.value("attempts"), maxAttempts: try row.value("max_attempts"),
            status: JobStatus(rawValue: try row.value("status")) ?? .failed, lockedBy: try row.value("locked_by"),
            lockedUntil: try row.value("locked_until"), lastError: try row.value("last_error"))
    }
}
