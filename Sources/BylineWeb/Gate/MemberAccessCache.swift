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
    private let held = Mutex<[String: ContinuousClock.Instant]>([:])

    public init(lifetime: Duration = .seconds(10), capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Whether the session with `tokenHash` is good: from memory while a good answer is fresh,
    /// else from `lookup`, whose good answer is then kept.
    func isGood(tokenHash: String, lookup: () async throws -> Bool) async throws -> Bool {
        let now = ContinuousClock.now
        if let until = held.withLock({ $0[tokenHash] }), now < until { return true }
        let epoch = removals.withLock { $0 }
        guard try await lookup() else { return false }
        held.withLock { held in
            // A removal while the lookup ran may have been of this very session: keep nothing.
            guard removals.withLock({ $0 }) == epoch else { return }
            if held.count >= capacity { held.removeAll(keepingCapacity: true) }
            held[tokenHash] = now + lifetime
        }
        return true
    }

    /// Forgets every session: some member's access ended.
    public func removeAll() {
        held.withLock { held in
            removals.withLock { $0 &+= 1 }
            held.removeAll()
        }
    }

    /// Counts ``removeAll()`` calls, so a lookup that raced one keeps nothing.
    private let removals = Mutex<UInt64>(0)
}
