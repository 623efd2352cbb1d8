import Foundation
import Synchronization
import Testing

@testable import BylineWeb

@Suite struct DeadlineTests {
    /// Waits `seconds` without looking at cancellation, as a blocking driver call would.
    static func ignoringCancellation(_ seconds: Double) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
        }
    }

    /// Whether the caller got its answer before the operation ended is checked with a flag the
    /// operation sets when it ends, not with a clock: a busy machine slows both alike.
    @Test func returnsAtTheDeadlineWhenTheOperationIgnoresCancellation() async throws {
        let finished = Flag()
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(200)) {
                await Self.ignoringCancellation(10)
                finished.set()
                return 1
            }
        }
        #expect(!finished.value, "the caller waited for the 10 s operation")
    }

    @Test func theOperationIsCancelledAtTheDeadline() async throws {
        let cancelled = Flag()
        _ = try? await withDeadline(.milliseconds(100)) {
            do { try await Task.sleep(for: .seconds(10)) } catch { cancelled.set() }
        }
        for _ in 0..<100 where !cancelled.value { try await Task.sleep(for: .milliseconds(10)) }
        #expect(cancelled.value)
    }

    @Test func aValueOrAnErrorInTimeComesThrough() async throws {
        #expect(try await withDeadline(.seconds(5)) { 42 } == 42)
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await withDeadline(.seconds(5)) { () async throws -> Int in throw Failure() }
        }
    }

    @Test func cancellingTheCallerEndsTheWaitAtOnce() async throws {
        let finished = Flag()
        let task = Task {
            try await withDeadline(.seconds(30)) {
                await Self.ignoringCancellation(10)
                finished.set()
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!finished.value, "the caller waited for the 10 s operation")
    }
}

/// A boolean set from another task.
final class Flag: Sendable {
    private let state = Mutex(false)
    func set() { state.withLock { $0 = true } }
    var value: Bool { state.withLock { $0 } }
}
