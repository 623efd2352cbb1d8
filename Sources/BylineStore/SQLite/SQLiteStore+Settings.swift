import BylineCore
import GRDB

/// Site settings, kept as key/value rows so new settings need no migration.
extension SQLiteStore {
    public func settings() async throws -> SiteSettings {
        let values = try await pool.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM settings").map {
                    (row: Row) -> (String, String) in (row["key"], row["value"])
                })
        }
        return SiteSettingsCoding.decode(values)
    }

    public func saveSettings(_ settings: SiteSettings) async throws {
        let values = SiteSettingsCoding.encode(settings)
        let now = clock.now()
        try await pool.write { db in
            try Self.recordChange(db, TouchedKeys.settings, now: now)
            for (key, value) in values {
                try db.execute(
                    sql:
                        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
            }
        }
    }
}
