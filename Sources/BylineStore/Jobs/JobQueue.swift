import Foundation

/// A durable queue of background jobs that several nodes on one database share safely.
///
/// Guarantees, on every engine:
/// - A committed enqueue survives a crash; a job is claimed by one worker at a time.
/// - A claim is a lease: a worker that dies stops extending it, and once it has passed (by the
///   store's clock, or on PostgreSQL the database server's) another worker claims the job again.
/// - Only the worker holding an unexpired lease can complete, fail or extend the job (fencing):
///   a worker that stalled past its lease and was taken over gets `false` and changes nothing.
///
/// A job may therefore run more than once when a worker dies mid-job: handlers must be safe to
/// run again. A job is never run by two live workers that keep their leases.
public protocol JobQueue: Sendable {
    /// Adds a job; returns its id. With a ``NewJob/uniqueKey`` the call is idempotent: when a job
    /// with that key exists (in any status) its id is returned and nothing is added.
    ///
    /// - Throws: ``StoreError/invalidInput(_:)`` for an empty kind, a payload that is not JSON, or
    ///   `maxAttempts` below 1.
    func enqueue(_ job: NewJob) async throws -> Int64

    /// Atomically takes the oldest due job of one of `kinds`: a queued job whose `runAt` has come,
    /// or a running job whose lease has expired (its worker is taken for dead). The job comes back
    /// running, locked by `worker` until now + `lease`, its attempts counted up. nil when nothing
    /// is due. An expired job that had used its last attempt is marked failed instead of run.
    func claim(worker: String, kinds: [String], lease: Duration) async throws -> Job?

    /// Marks the job done; false (and nothing changes) unless `worker` still holds its lease.
    func complete(jobID: Int64, worker: String) async throws -> Bool

    /// Records a failed attempt: the job is queued again for `retryAt` (nil: after the backoff
    /// for its attempt count), or marked failed when it has had `maxAttempts`. False (and nothing
    /// changes) unless `worker` still holds its lease.
    func fail(jobID: Int64, worker: String, error: String, retryAt: Date?) async throws -> Bool

    /// Moves the end of the lease to now + `lease`; false when `worker` no longer holds it (it
    /// expired, or another worker took the job over): the caller should stop working on it.
    func extendLease(jobID: Int64, worker: String, lease: Duration) async throws -> Bool

    /// Jobs per status.
    func jobCounts() async throws -> JobCounts

    func job(id: Int64) async throws -> Job?

    /// Deletes jobs that finished (done or failed) before `date`; returns how many went.
    func pruneFinishedJobs(before date: Date) async throws -> Int
}

extension JobQueue {
    /// Adds a job; see ``enqueue(_:)`` and ``NewJob``.
    public func enqueue(
        kind: String, payload: String = "{}", runAt: Date? = nil, maxAttempts: Int = Job.defaultMaxAttempts,
        uniqueKey: String? = nil
    ) async throws -> Int64 {
        try await enqueue(
            NewJob(kind: kind, payload: payload, runAt: runAt, maxAttempts: maxAttempts, uniqueKey: uniqueKey))
    }

    /// Records a failed attempt to be retried after the backoff for its attempt count.
    public func fail(jobID: Int64, worker: String, error: String) async throws -> Bool {
        try await fail(jobID: jobID, worker: worker, error: error, retryAt: nil)
    }
}
