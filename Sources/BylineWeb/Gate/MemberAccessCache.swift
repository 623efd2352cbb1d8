import Foundation
import Synchronization

/// Member sessions this node found good, for a few seconds, so a member's page view costs no
/// database read. Only good answers are kept (a made-up cookie is looked up every time and
/// takes no room). Emptied whenever a member's access ends: at once by this node's own
/// deletions and sign-outs (``MemberSignup``), and within the change watcher's poll for those
/// of other nodes and processes (``ChangeKey/memberAccess`` in the change log).
public final class MemberAccessCache: Sendable {
    /// How long a good answer is believed without asking again.
    let lifetime: Duration
    /// Sessions held at most; a full cache is emptied rather than searched for the oldest.
    let capacity: Int
    private let state = Mutex(State())

    private struct State {
        /// Good sessions by token hash, and until when each answer is believed.
        var held: [String: ContinuousClock.Instant] = [:]
        /// Counts ``removeAll()`` calls, so a lookup that raced one keeps nothing.
        var removals: UInt64 = 0
    }

    public init(lifetime: Duration = .seconds(10), capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Whether the session with `tokenHash` is good: from memory while a good answer is fresh,
    /// else from `lookup`, whose good answer is then kept.
    func isGood(tokenHash: String, lookup: () async throws -> Bool) async throws -> Bool {
        let now = ContinuousClock.now
        let (until, epoch) = state.withLock { ($0.held[tokenHash], $0.removals) }
        if let until, now < until { return true }
        guard try await lookup() else { return false }
        state.withLock { state in
            // A removal while the lookup ran may have been of this very session: keep nothing.
            guard state.removals == epoch else { return }
            if state.held.count >= capacity { state.held.removeAll(keepingCapacity: true) }
            state.held[tokenHash] = now + lifetime
        }
        return true
    }

    /// Forgets every session: some member's access ended.
    public func removeAll() {
        state.withLock { state in
            state.removals &+= 1
            state.held.removeAll()
        }
    }
}
