import BylineCore
import PostgresNIO

/// Site settings, kept as key/value rows so new settings need no migration.
extension PostgresStore {
    public func settings() async throws -> SiteSettings {
        let values = try await withSession { db in
            try await db.rows("SELECT key, value FROM settings").reduce(into: [String: String]()) { values, row in
                values[try row.value("key")] = try row.value("value")
            }
        }
        return SiteSettingsCoding.decode(values)
    }

    public func saveSettings(_ settings: SiteSettings) async throws {
        let values = SiteSettingsCoding.encode(settings)
        let now = clock.now()
        try await write { db in
            for (key, value) in values {
                try await db.execute(
                    """
                    INSERT INTO settings (key, value) VALUES (\(key), \(value))
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                    """)
            }
            try await Self.recordChange(db, TouchedKeys.settings, now: now)
        }
    }
}
