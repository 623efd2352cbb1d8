import Foundation

/// What ``JobQueue/enqueue(_:)`` is asked to add.
public struct NewJob: Sendable, Equatable {
    /// Names the handler that will run it.
    public var kind: String
    /// JSON text for the handler.
    public var payload: String
    /// Not claimed before this time; nil for now (by the store's clock).
    public var runAt: Date?
    /// Claims allowed before a failure is final; at least 1.
    public var maxAttempts: Int
    /// Makes the enqueue idempotent: there is only ever one job per key, so a caller that may
    /// enqueue twice (a retried request, two nodes reacting to one event) names the work.
    public var uniqueKey: String?

    public init(
        kind: String, payload: String = "{}", runAt: Date? = nil, maxAttempts: Int = Job.defaultMaxAttempts,
        uniqueKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}
