import BylineCore
import BylineStore
import Foundation
import Logging

/// The storage engines the suites run against: `@Test(arguments: StoreKind.allCases)`.
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite
    case postgres
}

/// A fresh store of one kind for one test, isolated from every other test: SQLite in a new
/// temporary folder, or PostgreSQL in a new database `byline_t_<random>` on the server that
/// `BYLINE_TEST_POSTGRES_URL` names (`scripts/test` starts one). Its clock is a ``ManualClock``.
///
/// ```swift
/// @Test(arguments: StoreKind.allCases) func works(kind: StoreKind) async throws {
///     try await TestStore.with(kind) { temp in
///         _ = try await temp.store.upsertPost(matchingTitle: ...)
///         temp.clock.advance(by: 60)
///     }
/// }
/// ```
public final class TestStore: @unchecked Sendable {
    /// The environment variable naming the PostgreSQL server, e.g. `postgres://byline@127.0.0.1:5432/postgres`.
    public static let postgresURLVariable = "BYLINE_TEST_POSTGRES_URL"
    /// The clock's start when a test names none.
    public static let defaultNow = Date(timeIntervalSince1970: 1_780_000_000)

    public let kind: StoreKind
    public let clock: ManualClock
    public let store: SiteStore
    /// A fresh folder for the test's data files (the SQLite database lives here).
    public let dataFolder: String
    /// The PostgreSQL database's URL; nil for SQLite. `StoreOpener.open(databaseURL:dataFolder:clock:)`
    /// with this and ``dataFolder`` opens the same store.
    public let databaseURL: String?

    private let postgres: (server: String, database: String)?
    private let lock = NSLock()
    private var openedStores: [SiteStore]

    /// Runs `body` with a fresh store and cleans up afterwards, also when `body` throws.
    public static func with<Result>(
        _ kind: StoreKind, now: Date = defaultNow, _ body: (TestStore) async throws -> Result
    ) async throws -> Result {
        let temp = try await open(kind, now: now)
        do {
            let result = try await body(temp)
            await temp.close()
            return result
        } catch {
            await temp.close()
            throw error
        }
    }

    /// Opens a fresh store; call ``close()`` when done (``with(_:now:_:)`` does both).
    public static func open(_ kind: StoreKind, now: Date = defaultNow) async throws -> TestStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let clock = ManualClock(now)
        switch kind {
        case .sqlite:
            let store = try SiteStore.sqlite(
                path: folder.appendingPathComponent(SQLiteEngine.fileName).path, clock: clock)
            return TestStore(
                kind: kind, clock: clock, store: store, dataFolder: folder.path, databaseURL: nil, postgres: nil)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment[postgresURLVariable], !server.isEmpty else {
                try? FileManager.default.removeItem(at: folder)
                throw TestStoreError.postgresServerNotSet
            }
            let name = "byline_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let url = try await PostgresDatabases.create(name, onServer: server)
            do {
                let store = try await startPostgres(url: url, clock: clock)
                return TestStore(
                    kind: kind, clock: clock, store: store, dataFolder: folder.path, databaseURL: url,
                    postgres: (server, name))
            } catch {
                try? await PostgresDatabases.drop(name, onServer: server)
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }
    }

    private init(
        kind: StoreKind, clock: ManualClock, store: SiteStore, dataFolder: String, databaseURL: String?,
        postgres: (server: String, database: String)?
    ) {
        self.kind = kind
        self.clock = clock
        self.store = store
        self.dataFolder = dataFolder
        self.databaseURL = databaseURL
        self.postgres = postgres
        self.openedStores = [store]
    }

    /// Another independent store on the same database with the same clock, as another process
    /// or node would open it. ``close()`` closes it too.
    public func openAnother(
        clock: (any WallClock)? = nil, coordinationTime: SiteStore.CoordinationTime = .storeClock
    ) async throws -> SiteStore {
        let another: SiteStore
        if let databaseURL {
            another = try await Self.startPostgres(
                url: databaseURL, clock: clock ?? self.clock, coordinationTime: coordinationTime)
        } else {
            another = try SiteStore.sqlite(
                path: (dataFolder as NSString).appendingPathComponent(SQLiteEngine.fileName), clock: clock ?? self.clock
            )
        }
        lock.withLock { openedStores.append(another) }
        return another
    }

    /// Closes every store this opened, then deletes the database and the data folder.
    public func close() async {
        let stores = lock.withLock {
            defer { openedStores = [] }
            return openedStores
        }
        for case let engine as PostgresEngine in stores.map(\.engine) {
            await engine.shutdown()
        }
        if let postgres {
            try? await PostgresDatabases.drop(postgres.database, onServer: postgres.server)
        }
        try? FileManager.default.removeItem(atPath: dataFolder)
    }

    /// Tests move the store's clock, so leases follow it unless a test asks for the database's.
    private static func startPostgres(
        url: String, clock: any WallClock, coordinationTime: SiteStore.CoordinationTime = .storeClock
    ) async throws -> SiteStore {
        // Small pools: many tests run at once against one server.
        var logger = Logger(label: "byline.test.postgres")
        logger.logLevel = .warning
        let engine = try PostgresEngine(url: url, maxConnections: 4, logger: logger)
        try await engine.start()
        return SiteStore(engine: engine, clock: clock, coordinationTime: coordinationTime)
    }
}

/// Why a test store cannot be made.
public enum TestStoreError: Error, CustomStringConvertible {
    case postgresServerNotSet

    public var description: String {
        switch self {
        case .postgresServerNotSet:
            "PostgreSQL tests need a server: set \(TestStore.postgresURLVariable) (scripts/test does: it runs "
                + "`scripts/pg-test-server start DIR PORT` and exports the URL that prints)"
        }
    }
}
