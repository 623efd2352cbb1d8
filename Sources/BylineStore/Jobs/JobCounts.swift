/// How many jobs are in each status: what `byline jobs status` and monitoring show.
public struct JobCounts: Sendable, Equatable, Codable {
    public var queued: Int
    /// Includes jobs whose worker died and whose lease has not been taken over yet.
    public var running: Int
    public var done: Int
    public var failed: Int
    /// The attempts all done jobs took together: equal to `done` when nothing was ever retried
    /// or taken over from a dead worker.
    public var doneAttempts: Int

    public init(queued: Int = 0, running: Int = 0, done: Int = 0, failed: Int = 0, doneAttempts: Int = 0) {
        self.queued = queued
        self.running = running
        self.done = done
        self.failed = failed
        self.doneAttempts = doneAttempts
    }

    public subscript(status: JobStatus) -> Int {
        get {
            switch status {
            case .queued: queued
            case .running: running
            case .done: done
            case .failed: failed
            }
        }
        set {
            switch status {
            case .queued: queued = newValue
            case .running: running = newValue
            case .done: done = newValue
            case .failed: failed = newValue
            }
        }
    }

    /// Jobs in any status.
    public var total: Int { queued + running + done + failed }
}
