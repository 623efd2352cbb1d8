import BylineCore
import Foundation

/// The log every write appends to in its own transaction, so caches in this and other processes
/// learn exactly which pages to drop.
public protocol ChangeLog: Sendable {
    /// The sequence number of the newest committed change (0 when none).
    func latestChange() async throws -> Int64
    /// Changes after `sequence`, oldest first, at most `limit`.
    func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange]
    /// Deletes changes recorded before `date`, always keeping the newest; returns how many went.
    /// Followers that fell further behind than that drop their whole cache (they see a gap).
    func pruneChanges(recordedBefore date: Date) async throws -> Int
}
