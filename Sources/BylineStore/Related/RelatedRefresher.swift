import Foundation
import Logging
import ServiceLifecycle

/// Recomputes marked related lists (``RelatedLists``) in the background: every `interval` it
/// looks for marks with one indexed read and, when there are some, works them off in batches
/// of `batchSize` posts, each its own short transaction. Every node runs one, like the
/// ``ScheduledPublisher``; on PostgreSQL nodes take different marks (`SKIP LOCKED`).
///
/// After each batch it rests as long as the batch took (`restRatio`), so a bulk import's
/// backlog (100,000 lists) is worked off at about half a core instead of competing with page
/// serving at full speed, and writers never wait long for SQLite's one write lock.
public struct RelatedRefresher: Service {
    let lists: any RelatedLists
    let logger: Logger
    public var interval: Duration
    public var batchSize: Int
    public var restRatio: Double

    public init(
        lists: any RelatedLists, logger: Logger, interval: Duration = .seconds(1), batchSize: Int = 25,
        restRatio: Double = 1
    ) {
        self.lists = lists
        self.logger = logger
        self.interval = interval
        self.batchSize = batchSize
        self.restRatio = restRatio
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await refreshWhileMarked()
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Works off marks until none is left (or the task is cancelled); returns how many it took.
    /// A failure is logged and the marks stay for the next round: nothing is lost.
    @discardableResult
    public func refreshWhileMarked() async -> Int {
        let clock = ContinuousClock()
        var total = 0
        while !Task.isCancelled {
            let start = clock.now
            do {
                let taken = try await lists.refreshRelatedLists(limit: batchSize)
                guard taken > 0 else { break }
                total += taken
            } catch {
                logger.warning("refreshing related lists failed: \(error)")
                break
            }
            try? await Task.sleep(for: (clock.now - start) * restRatio)
        }
        if total > 0 { logger.debug("related lists refreshed", metadata: ["posts": "\(total)"]) }
        return total
    }
}
