import BylineCore
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the tables that only grow in check: deletes applied changes once every node has long
/// followed them, and finished jobs after a while. Every node may run it; the deletes are
/// idempotent.
public struct StoreMaintenance: Service {
    let changes: any ChangeLog
    let jobs: any JobQueue
    /// Expired staff sessions and old sign-in failures go too, when given.
    let staff: (any StaffStore)?
    /// Expired member links and sessions and old signup notes go too, when given.
    let members: (any MemberStore)?
    let clock: any WallClock
    let logger: Logger
    public var interval: Duration = .seconds(600)
    /// Nodes follow the log every 200 ms; a node away for longer starts afresh anyway.
    public var keepChanges: TimeInterval = 3600
    public var keepFinishedJobs: TimeInterval = 7 * 86400

    public init(
        changes: any ChangeLog, jobs: any JobQueue, staff: (any StaffStore)? = nil,
        members: (any MemberStore)? = nil, clock: any WallClock, logger: Logger
    ) {
        self.changes = changes
        self.jobs = jobs
        self.staff = staff
        self.members = members
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneOnce()
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One round; failures are logged (the database may be away) and tried again next round.
    public func pruneOnce() async {
        let now = clock.now()
        do {
            let changes = try await changes.pruneChanges(recordedBefore: now - keepChanges)
            let jobs = try await jobs.pruneFinishedJobs(before: now - keepFinishedJobs)
            try await staff?.pruneSessions()
            try await members?.pruneMemberRecords()
            if changes + jobs > 0 {
                logger.info("pruned", metadata: ["changes": "\(changes)", "jobs": "\(jobs)"])
            }
        } catch {
            logger.warning("pruning failed: \(error)")
        }
    }
}
