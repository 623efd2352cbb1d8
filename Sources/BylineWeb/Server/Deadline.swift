import Synchronization

/// The time limit ran out before the operation finished.
struct DeadlineExceeded: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "no answer within \(limit)" }
}

/// Runs `operation`, throwing ``DeadlineExceeded`` after `limit`: a request must not wait
/// forever for a database that is away (a pool keeps retrying its connections).
///
/// Returns at the deadline even when the operation ignores cancellation (a blocking driver call):
/// the operation runs in a task of its own, which is cancelled and left behind, not awaited.
/// Cancelling the caller cancels the operation and throws `CancellationError` at once.
func withDeadline<Value: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let race = DeadlineRace<Value>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            guard race.wait(continuation) else { return }
            let work = Task {
                do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                do { try await Task.sleep(for: limit) } catch { return }
                race.finish(.failure(DeadlineExceeded(limit: limit)))
            }
            race.started(work, timer)
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The operation against the timer: whichever finishes first resumes the caller, exactly once,
/// and the other is cancelled.
private final class DeadlineRace<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        /// Set once the race is decided; kept only when it was decided before anyone waited.
        var outcome: Result<Value, any Error>?
        var finished = false
        var tasks: [Task<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Registers the waiting caller; false (and the caller resumed) when the race was already
    /// decided, i.e. the caller was cancelled before it began.
    func wait(_ continuation: CheckedContinuation<Value, any Error>) -> Bool {
        let early: Result<Value, any Error>? = state.withLock { state in
            guard state.finished else {
                state.continuation = continuation
                return nil
            }
            return state.outcome
        }
        guard let early else { return true }
        continuation.resume(with: early)
        return false
    }

    /// Hands over the racing tasks, cancelling them at once when the race is already decided.
    func started(_ tasks: Task<Void, Never>...) {
        let late = state.withLock { state in
            guard state.finished else {
                state.tasks = tasks
                return [Task<Void, Never>]()
            }
            return tasks
        }
        for task in late { task.cancel() }
    }

    /// Decides the race with `result` unless it is decided already.
    func finish(_ result: Result<Value, any Error>) {
        let decided: (CheckedContinuation<Value, any Error>?, [Task<Void, Never>])? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            defer {
                state.continuation = nil
                state.tasks = []
            }
            if state.continuation == nil { state.outcome = result }
            return (state.continuation, state.tasks)
        }
        guard let (continuation, tasks) = decided else { return }
        continuation?.resume(with: result)
        for task in tasks { task.cancel() }
    }
}
