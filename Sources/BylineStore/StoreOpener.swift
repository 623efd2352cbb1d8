import BylineCore
import Foundation

/// Opens the store a site is configured with: SQLite in the data folder, or PostgreSQL when a
/// `postgres://` database URL is given.
public enum StoreOpener {
    /// Opens the store and applies pending migrations.
    ///
    /// - Parameters:
    ///   - databaseURL: nil or empty: SQLite at `<dataFolder>/byline.sqlite` (the folder is
    ///     created); `postgres://` or `postgresql://`: PostgreSQL (see ``PostgresEngine``).
    ///   - dataFolder: the site's data folder.
    ///   - poolSize: PostgreSQL connections per node (SQLite ignores it).
    /// - Throws: ``StoreOpenError`` for a folder or URL it cannot use, ``PostgresStoreError`` when
    ///   PostgreSQL cannot be reached, or the engine's own error.
    public static func open(
        databaseURL: String?, dataFolder: String, clock: any WallClock, poolSize: Int = 10
    ) async throws -> OpenedStore {
        let url = databaseURL?.trimmingWhitespace() ?? ""
        if url.isEmpty {
            return try openSQLite(dataFolder: dataFolder, clock: clock)
        }
        let scheme = url.range(of: "://").map { url[..<$0.lowerBound].lowercased() }
        guard let scheme, PostgresURL.schemes.contains(scheme) else {
            throw StoreOpenError.unsupportedURL(PostgresURL.redacted(url))
        }
        let engine = try PostgresEngine(url: url, maxConnections: poolSize)
        try await engine.start()
        return OpenedStore(
            store: SiteStore(engine: engine, clock: clock, coordinationTime: .databaseClock), service: engine,
            close: { await engine.shutdown() })
    }

    static func openSQLite(dataFolder: String, clock: any WallClock) throws -> OpenedStore {
        do {
            try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
        } catch {
            throw StoreOpenError.dataFolder(dataFolder, error.localizedDescription)
        }
        let path = (dataFolder as NSString).appendingPathComponent(SQLiteEngine.fileName)
        let store = try SiteStore.sqlite(path: path, clock: clock)
        return OpenedStore(store: store, service: nil, close: {})
    }
}
