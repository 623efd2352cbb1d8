import BylineCore
import Foundation

/// The change log other processes, nodes and caches follow.
extension SiteStore: ChangeLog {
    public func latestChange() async throws -> Int64 {
        try await engine.read { db in try db.value("SELECT MAX(seq) FROM changes") ?? 0 }
    }

    public func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await engine.read { db in
            try db.fetchAll("SELECT seq, keys FROM changes WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)").map {
                StoreChange(sequence: try $0["seq"], keys: ChangeKey.decode(try $0["keys"]))
            }
        }
    }

    public func pruneChanges(recordedBefore date: Date) async throws -> Int {
        try await engine.write { db in
            let doomed: Int =
                try db.value(
                    """
                    SELECT COUNT(*) FROM changes WHERE at < \(date) AND seq < (SELECT MAX(seq) FROM changes)
                    """) ?? 0
            guard doomed > 0 else { return 0 }
            try db.execute("DELETE FROM changes WHERE at < \(date) AND seq < (SELECT MAX(seq) FROM changes)")
            return doomed
        }
    }

    /// Appends a change; call it last in a write transaction. On PostgreSQL the table lock makes
    /// appends commit in sequence order, so a reader that has seen change n never later finds a
    /// smaller one; it is held only from here to COMMIT. SQLite has one writer at a time anyway.
    static func recordChange(_ db: any SQLConnection, _ keys: Set<ChangeKey>, now: Date) throws {
        if db.dialect == .postgres { try db.execute("LOCK TABLE changes IN EXCLUSIVE MODE") }
        try db.execute("INSERT INTO changes (at, keys) VALUES (\(now), \(ChangeKey.encode(keys)))")
    }
}
