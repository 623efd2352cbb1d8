import BylineCore
import Foundation
import GRDB

/// The embedded default store: one SQLite file in WAL mode, shared safely by a server and
/// command-line imports running at the same time.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    let clock: any WallClock

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String, clock: any WallClock = SystemClock()) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (an import) may hold the write lock for a moment: wait rather than fail.
        configuration.busyMode = .timeout(10)
        configuration.label = "byline"
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.clock = clock
        try SQLiteMigrations.migrator.migrate(pool)
    }

    /// The file name inside a data folder.
    public static let fileName = "byline.sqlite"
}
