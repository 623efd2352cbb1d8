import ArgumentParser
import BylineCore
import BylineStore
import Foundation

/// `byline migrate-store`: copies a whole site from one store to another (e.g. from its SQLite
/// file to PostgreSQL when it outgrows one machine) and verifies the copy.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a whole site between stores and verify row counts and checksums.",
        discussion: """
            Stores are named sqlite:PATH (a data folder, or its byline.sqlite file) or
            postgres://USER[:PASS]@HOST[:PORT]/DB. The target must be empty unless --replace is given.
            """)

    @Option(help: "The store to copy from.")
    var from: String

    @Option(help: "The store to copy into.")
    var to: String

    @Flag(help: "Delete the target's content first when it has some.")
    var replace = false

    func validate() throws {
        for location in [from, to] where StoreLocation(location) == nil {
            throw ValidationError("\"\(location)\" is not sqlite:PATH or postgres://...")
        }
        if from == to { throw ValidationError("--from and --to name the same store") }
    }

    func run() async throws {
        let source = try await StoreLocation(from)!.open(role: "source")
        let target: OpenedStore
        do {
            target = try await StoreLocation(to)!.open(role: "target")
        } catch {
            await source.close()
            throw error
        }
        do {
            try await copy(from: source.store, to: target.store)
        } catch {
            await source.close()
            await target.close()
            throw error
        }
        await source.close()
        await target.close()
    }

    private func copy(from source: any SnapshotStore, to target: any SnapshotStore) async throws {
        let snapshot = try await source.snapshot()
        do {
            try await target.restore(snapshot, replacing: replace)
        } catch StoreError.notEmpty {
            throw CLIError("the target store already has content; nothing was written (use --replace to overwrite it)")
        }
        let copy = try await target.snapshot()
        let expected = snapshot.rowCounts
        let actual = Dictionary(uniqueKeysWithValues: copy.rowCounts.map { ($0.table, $0.rows) })
        print("table".padding(toLength: 16, withPad: " ", startingAt: 0) + "  source  target")
        var mismatch = false
        for (table, rows) in expected {
            let copied = actual[table] ?? -1
            mismatch = mismatch || copied != rows
            print(table.padding(toLength: 16, withPad: " ", startingAt: 0) + pad(rows) + pad(copied))
        }
        let (sourceSum, targetSum) = (snapshot.checksum(), copy.checksum())
        print("checksum          \(sourceSum)  \(targetSum)")
        if mismatch || sourceSum != targetSum {
            throw CLIError("the copy does not match its source")
        }
        print("copied and verified")
    }

    private func pad(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(1, 8 - text.count)) + text
    }
}

/// `sqlite:PATH` or a PostgreSQL URL, as `migrate-store` names stores.
struct StoreLocation {
    let dataFolder: String?
    let sqliteFile: String?
    let databaseURL: String?

    init?(_ text: String) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            if path.hasSuffix(".sqlite") {
                (dataFolder, sqliteFile, databaseURL) = (nil, path, nil)
            } else {
                (dataFolder, sqliteFile, databaseURL) = (path, nil, nil)
            }
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            (dataFolder, sqliteFile, databaseURL) = (nil, nil, text)
        } else {
            return nil
        }
    }

    func open(role: String) async throws -> OpenedStore {
        do {
            if let sqliteFile {
                guard role == "target" || FileManager.default.fileExists(atPath: sqliteFile) else {
                    throw CLIError("no such database file: \(sqliteFile)")
                }
                let store = try SiteStore.sqlite(path: sqliteFile)
                return OpenedStore(store: store, service: nil, close: {})
            }
            if let dataFolder, role == "source", !DataOptions.sqliteSiteExists(in: dataFolder) {
                throw CLIError("no site in \(dataFolder) (no \(SQLiteEngine.fileName))")
            }
            return try await StoreOpener.open(
                databaseURL: databaseURL, dataFolder: dataFolder ?? ".", clock: SystemClock())
        } catch let error as CLIError {
            throw CLIError("cannot open the \(role): \(error.description)")
        } catch {
            throw CLIError("cannot open the \(role): \(error)")
        }
    }
}
