import Foundation

/// Who runs a ``PostgresEngine``'s connection pool. `PostgresClient.run()` may be called only
/// once, and queries hang while nobody runs it, so every path goes through this one state.
final class PoolLifecycle: @unchecked Sendable {
    enum State {
        case idle
        /// `start()` runs the pool in this task.
        case background(Task<Void, Never>)
        /// A `ServiceGroup` (or other caller) runs the pool inside `run()`.
        case inline
        case stopped
    }

    /// What `run()` should do.
    enum RunRole {
        case runPool
        case holdBackground
        case nothing
    }

    private let lock = NSLock()
    private var state = State.idle

    /// Whether the pool runs; when nobody has started it yet, waits up to `patience` for a
    /// `ServiceGroup` that is starting its services to get to it.
    func isRunning(patience: Duration = .seconds(2)) async -> Bool {
        let deadline = ContinuousClock.now + patience
        while true {
            switch lock.withLock({ state }) {
            case .background, .inline: return true
            case .stopped: return false
            case .idle:
                guard ContinuousClock.now < deadline, (try? await Task.sleep(for: .milliseconds(10))) != nil else {
                    return false
                }
            }
        }
    }

    /// Starts the pool in a task made by `makeTask`, unless something already runs it.
    func startBackground(_ makeTask: () -> Task<Void, Never>) throws {
        try lock.withLock {
            switch state {
            case .idle: state = .background(makeTask())
            case .background, .inline: return
            case .stopped: throw PostgresStoreError.notRunning
            }
        }
    }

    func claimRun() -> RunRole {
        lock.withLock {
            switch state {
            case .idle:
                state = .inline
                return .runPool
            case .background: return .holdBackground
            case .inline, .stopped: return .nothing
            }
        }
    }

    /// Marks the pool stopped; returns the background task to cancel, if there is one.
    func stop() -> Task<Void, Never>? {
        lock.withLock {
            defer { state = .stopped }
            if case .background(let task) = state { return task }
            return nil
        }
    }
}
