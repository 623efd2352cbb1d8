import BylineCore
import BylineStore
import Foundation
import Logging
import ServiceLifecycle

/// Follows the store's change log, whichever process or node wrote: keeps the site's chrome
/// (settings, navigation) current and drops the cached pages each change touched. Also drops
/// every cached page when the navigation (most used tags) changes, which is no write of its
/// own. A scheduled post coming due is a write: the scheduler publishes it and logs the change.
/// Runs with the page cache off too, for the chrome.
struct ChangeWatcher: Service {
    let store: any SiteReading
    let chrome: SiteChrome
    /// nil when the page cache is off.
    let cache: PageCache?
    /// Emptied when a change says a member's access ended; nil: no members here.
    var memberAccess: MemberAccessCache? = nil
    let clock: any WallClock
    let interval: Duration
    let timeout: Duration
    let logger: Logger

    /// How many changes to read at once; more waiting than this means "drop everything".
    static let batch = 500

    func run() async throws {
        // Cancelled on graceful shutdown, so a poll waiting on an absent database cannot hold it up.
        try? await cancelWhenGracefulShutdown {
            var state = try await initialState()
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    let current = state
                    state = try await withDeadline(timeout) { try await poll(current) }
                } catch is CancellationError {
                    return
                } catch {
                    // The database may be away for a moment; pages already cached keep being served.
                    logger.warning("change watcher: \(error)")
                }
            }
        }
    }

    struct State: Sendable {
        /// The newest change applied; 0 before any. Always a change that existed when read.
        var lastSequence: Int64
    }

    func initialState() async throws -> State {
        while true {
            do {
                let state = State(lastSequence: try await store.latestChange())
                // Read after the sequence, so no change up to it is missing from it. Pages wait
                // for this first chrome: none was rendered (or cached) from older data.
                chrome.replace(with: try await chrome.load())
                return state
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning("change watcher cannot start yet: \(error)")
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    func poll(_ current: State) async throws -> State {
        var state = current
        let latest = try await store.latestChange()
        if latest > state.lastSequence {
            let (keys, complete) = try await changedKeys(after: state.lastSequence)
            state.lastSequence = complete ? (keys.last ?? latest) : latest
            // The chrome first: a page rendered after the invalidation below must show the new one.
            let fresh = try await chrome.load()
            let previous = chrome.replace(with: fresh)
            if !complete || previous?.navTags != fresh.navTags {
                cache?.removeAll()
            } else {
                // No page depends on member access: such a change alone drops no page.
                cache?.invalidate(keys.all.subtracting([.memberAccess]))
            }
            if !complete || keys.all.contains(.memberAccess) { memberAccess?.removeAll() }
        }
        return state
    }

    /// The keys of the changes after `sequence`, with the last sequence read; `complete` is false
    /// when they cannot all be known: more than a batch is waiting, or changes were pruned
    /// before this watcher read them.
    ///
    /// Pruning always keeps the newest change and deletes by age, so a change this watcher has
    /// seen is deleted only once everything before it went too: when `sequence` itself is gone,
    /// changes after it may have gone unread. Gaps in the sequence alone (PostgreSQL skips
    /// numbers of rolled-back inserts) prove nothing and are not taken for pruning.
    func changedKeys(after sequence: Int64) async throws -> (keys: ChangedKeys, complete: Bool) {
        // From the last change seen, to see whether it is still there.
        var changes = try await store.changes(after: max(0, sequence - 1), limit: Self.batch + 1)[...]
        if sequence > 0 {
            guard changes.first?.sequence == sequence else { return (ChangedKeys(), false) }
            changes = changes.dropFirst()
        }
        guard changes.count < Self.batch else { return (ChangedKeys(), false) }
        return (ChangedKeys(changes), true)
    }

    struct ChangedKeys {
        var all: Set<ChangeKey> = []
        var last: Int64?

        init() {}

        init(_ changes: ArraySlice<StoreChange>) {
            all = changes.reduce(into: Set<ChangeKey>()) { $0.formUnion($1.keys) }
            last = changes.last?.sequence
        }
    }
}
