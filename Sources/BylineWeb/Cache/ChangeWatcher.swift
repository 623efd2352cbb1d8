import BylineCore
import BylineStore
import Foundation
import Logging
import ServiceLifecycle

/// Follows the store's change log and drops the cached pages each change touched, whichever
/// process or node made it. Also drops everything when the navigation (most used tags) changes
/// or when a post dated in the future comes due, since neither is a write of its own.
struct ChangeWatcher: Service {
    let store: any Store
    let cache: PageCache
    let clock: any WallClock
    let interval: Duration
    let timeout: Duration
    let navigationTagLimit: Int
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
        var lastSequence: Int64
        var navigation: [String]
        var nextScheduled: Date?
    }

    func initialState() async throws -> State {
        while true {
            do {
                return State(
                    lastSequence: try await store.latestChange(), navigation: try await navigation(),
                    nextScheduled: try await store.nextScheduledPublication())
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
            let changes = try await store.changes(after: state.lastSequence, limit: Self.batch)
            if changes.count == Self.batch {
                cache.removeAll()
                state.lastSequence = latest
            } else {
                let keys = changes.reduce(into: Set<ChangeKey>()) { $0.formUnion($1.keys) }
                cache.invalidate(keys)
                state.lastSequence = changes.last?.sequence ?? latest
            }
            let navigation = try await navigation()
            if navigation != state.navigation {
                cache.removeAll()
                state.navigation = navigation
            }
            state.nextScheduled = try await store.nextScheduledPublication()
        }
        if let due = state.nextScheduled, clock.now() >= due {
            cache.removeAll()
            state.nextScheduled = try await store.nextScheduledPublication()
        }
        return state
    }

    private func navigation() async throws -> [String] {
        try await store.publicTags(limit: navigationTagLimit).map { "\($0.tag.slug)\t\($0.tag.name)" }
    }
}
