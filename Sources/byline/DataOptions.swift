import ArgumentParser
import BylineCore
import BylineStore
import Foundation

/// Where a site's data lives: `--data DIR` (SQLite, uploads, keys) and, for sites on
/// PostgreSQL, `--database-url` or `DATABASE_URL`.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding byline.sqlite, uploads and keys.")
    var data: String = "./byline-data"

    @Option(
        name: .customLong("database-url"),
        help:
            "PostgreSQL database, postgres://USER[:PASS]@HOST[:PORT]/DB (default: $DATABASE_URL; none: SQLite in --data)."
    )
    var databaseURL: String?

    @Option(name: .customLong("database-pool-size"), help: "PostgreSQL connections this process may open.")
    var databasePoolSize: Int = 10

    /// The URL in force: the option, else the environment.
    var effectiveDatabaseURL: String? {
        databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// No database URL, and no SQLite site in `--data`: opening would create a new, empty site.
    var wouldCreateSite: Bool {
        effectiveDatabaseURL == nil && !Self.sqliteSiteExists(in: data)
    }

    /// Whether `folder` holds a site's SQLite file.
    static func sqliteSiteExists(in folder: String) -> Bool {
        FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(SQLiteEngine.fileName))
    }

    func validate() throws {
        if !(1...1000).contains(databasePoolSize) {
            throw ValidationError("--database-pool-size must be between 1 and 1000")
        }
    }

    /// Opens the site's store (creating the data folder on first use) and applies migrations.
    func open(clock: any WallClock = SystemClock()) async throws -> OpenedStore {
        do {
            return try await StoreOpener.open(
                databaseURL: effectiveDatabaseURL, dataFolder: data, clock: clock, poolSize: databasePoolSize)
        } catch {
            throw CLIError("cannot open the site's database: \(error)")
        }
    }
}

/// A failure the message explains; exits with code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
