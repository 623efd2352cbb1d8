import BylineCore
import Foundation
import PostgresNIO

/// The change log other nodes and caches follow.
extension PostgresStore {
    public func latestChange() async throws -> Int64 {
        try await withSession { db in try await db.value("SELECT MAX(seq) FROM changes", as: Int64.self) ?? 0 }
    }

    public func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await withSession { db in
            try await db.rows("SELECT seq, keys FROM changes WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)").map {
                StoreChange(sequence: try $0.value("seq"), keys: ChangeKey.decode(try $0.value("keys")))
            }
        }
    }

    public func nextScheduledPublication() async throws -> Date? {
        let now = clock.now()
        return try await withSession { db in
            try await db.value(
                "SELECT MIN(published_at) FROM posts WHERE status = 'published' AND published_at > \(now)",
                as: Date.self)
        }
    }

    /// Appends a change; call it last in a write transaction. The table lock makes appends commit
    /// in sequence order, so a reader that has seen change n never later finds a smaller one; it
    /// is held only from here to COMMIT.
    static func recordChange(_ db: PostgresSession, _ keys: Set<ChangeKey>, now: Date) async throws {
        try await db.execute("LOCK TABLE changes IN EXCLUSIVE MODE")
        try await db.execute("INSERT INTO changes (at, keys) VALUES (\(now), \(ChangeKey.encode(keys)))")
    }
}
