import Foundation

/// Where a job is in its life: waiting, being worked on by one worker, or finished either way.
public enum JobStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for its `runAt`, or due and not yet claimed.
    case queued
    /// Claimed by a worker whose lease runs until `lockedUntil`; once that has passed the worker
    /// is taken for dead and another may claim the job.
    case running
    /// Its handler returned.
    case done
    /// It failed on its last allowed attempt.
    case failed
}

/// One durable unit of background work, as stored.
public struct Job: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// Names the handler that runs it, e.g. `"test.sleep"`.
    public var kind: String
    /// The handler's input, as JSON text.
    public var payload: String
    /// Given to enqueue to make it idempotent: one job per key, ever.
    public var uniqueKey: String?
    /// Not claimed before this time; the next try's time after a failure.
    public var runAt: Date
    /// Claims so far, including the current one while running.
    public var attempts: Int
    public var maxAttempts: Int
    public var status: JobStatus
    /// The worker holding the job while running; afterwards the last one that held it.
    public var lockedBy: String?
    /// When the running worker's lease ends; nil once the job is no longer running.
    public var lockedUntil: Date?
    /// What the last failed attempt reported.
    public var lastError: String?

    public init(
        id: Int64, kind: String, payload: String, uniqueKey: String? = nil, runAt: Date, attempts: Int,
        maxAttempts: Int, status: JobStatus, lockedBy: String? = nil, lockedUntil: Date? = nil,
        lastError: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.uniqueKey = uniqueKey
        self.runAt = runAt
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.status = status
        self.lockedBy = lockedBy
        self.lockedUntil = lockedUntil
        self.lastError = lastError
    }

    /// Attempts a job gets when its enqueuer names no number.
    public static let defaultMaxAttempts = 5
}
