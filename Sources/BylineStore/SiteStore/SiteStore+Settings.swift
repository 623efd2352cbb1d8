import BylineCore

/// Site settings, kept as key/value rows so new settings need no migration.
extension SiteStore: SettingsStore {
    public func settings() async throws -> SiteSettings {
        let values = try await engine.read { db in
            try db.fetchAll("SELECT key, value FROM settings").reduce(into: [String: String]()) { values, row in
                values[try row["key"]] = try row["value"] as String
            }
        }
        return SiteSettingsCoding.decode(values)
    }

    public func saveSettings(_ settings: SiteSettings) async throws {
        let values = SiteSettingsCoding.encode(settings)
        let now = clock.now()
        try await engine.write { db in
            for (key, value) in values {
                try db.execute(
                    """
                    INSERT INTO settings (key, value) VALUES (\(key), \(value))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """)
            }
            try Self.recordChange(db, TouchedKeys.settings, now: now)
        }
    }
}
