import Foundation
import GRDB

/// The job queue on SQLite. Every change is one IMMEDIATE write transaction (GRDB's default for
/// writes), which holds the database's single write lock from its first read: two processes on
/// one file take turns, so reading a job and writing what ``JobRules`` makes of it is atomic.
extension SQLiteStore: JobQueue {
    public func enqueue(_ new: NewJob) async throws -> Int64 {
        try JobRules.validate(new)
        let now = clock.now()
        return try await pool.write { db in
            if let key = new.uniqueKey,
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE unique_key = ?", arguments: [key])
            {
                return id
            }
            try db.execute(
                sql: """
                    INSERT INTO jobs (kind, payload, unique_key, status, run_at, attempts, max_attempts,
                        created_at, updated_at)
                    VALUES (?, ?, ?, 'queued', ?, 0, ?, ?, ?)
                    """,
                arguments: [new.kind, new.payload, new.uniqueKey, new.runAt ?? now, new.maxAttempts, now, now])
            return db.lastInsertedRowID
        }
    }

    public func claim(worker: String, kinds: [String], lease: Duration) async throws -> Job? {
        let seconds = try JobRules.leaseSeconds(lease)
        guard !kinds.isEmpty else { return nil }
        let now = clock.now()
        return try await pool.write { db in
            var arguments = StatementArguments(kinds)
            arguments += [now, now]
            for _ in 0..<JobRules.maxGiveUpsPerClaim {
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT * FROM jobs
                            WHERE kind IN (\(databaseQuestionMarks(count: kinds.count)))
                                AND ((status = 'queued' AND run_at <= ?) OR (status = 'running' AND locked_until < ?))
                            ORDER BY run_at, id LIMIT 1
                            """, arguments: arguments)
                else { return nil }
                switch JobRules.claim(Self.job(from: row), worker: worker, now: now, lease: seconds) {
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
        try await pool.read { db in
            var counts = JobCounts()
            let rows = try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS count, SUM(attempts) AS attempts FROM jobs GROUP BY status")
            for row in rows {
                guard let status = JobStatus(rawValue: row["status"]) else { continue }
                counts[status] = row["count"]
                if status == .done { counts.doneAttempts = row["attempts"] }
            }
            return counts
        }
    }

    public func job(id: Int64) async throws -> Job? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(Self.job(from:))
        }
    }

    /// Applies `change` to the job when `worker` holds its lease (``JobRules/holds(_:worker:now:)``);
    /// false, and nothing written, otherwise.
    private func updateHeld(
        jobID: Int64, worker: String, _ change: @escaping @Sendable (Job, Date) -> Job
    ) async throws -> Bool {
        let now = clock.now()
        return try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [jobID]) else {
                return false
            }
            let job = Self.job(from: row)
            guard JobRules.holds(job, worker: worker, now: now) else { return false }
            try Self.save(db, change(job, now), now: now)
            return true
        }
    }

    /// Writes the parts of a job that change after it is enqueued.
    static func save(_ db: Database, _ job: Job, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE jobs SET status = ?, run_at = ?, attempts = ?, locked_by = ?, locked_until = ?,
                    last_error = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                job.status.rawValue, job.runAt, job.attempts, job.lockedBy, job.lockedUntil, job.lastError, now,
                job.id,
            ])
    }

    static func job(from row: Row) -> Job {
        Job(
            id: row["id"], kind: row["kind"], payload: row["payload"], uniqueKey: row["unique_key"],
            runAt: row["run_at"], attempts: row["attempts"], maxAttempts: row["max_attempts"],
            status: JobStatus(rawValue: row["status"]) ?? .failed, lockedBy: row["locked_by"],
            lockedUntil: row["locked_until"], lastError: row["last_error"])
    }
}
