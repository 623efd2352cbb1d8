import BylineCore
import Foundation
import GRDB

/// The change log other processes and caches follow.
extension SQLiteStore {
    public func latestChange() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM changes") ?? 0 }
    }

    public func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, keys FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [sequence, limit]
            ).map { StoreChange(sequence: $0["seq"], keys: ChangeKey.decode($0["keys"])) }
        }
    }

    public func nextScheduledPublication() async throws -> Date? {
        let now = clock.now()
        return try await pool.read { db in
            try Date.fetchOne(
                db, sql: "SELECT MIN(published_at) FROM posts WHERE status = 'published' AND published_at > ?",
                arguments: [now])
        }
    }
}
