import BylineCore
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// The store for sites served by several nodes: one PostgreSQL database shared by all of them,
/// with the same semantics as ``SQLiteStore``.
///
/// Queries go through a connection pool that must be running: either call ``start()`` (runs it
/// in a background task and applies migrations; pair it with ``shutdown()``), or add the store
/// to a `ServiceGroup`, whose call of ``run()`` runs the pool (then call ``migrate()`` once it
/// runs). A store that was started and is then added to a group keeps running until the group
/// shuts down.
public final class PostgresStore: Store, Service {
    let client: PostgresClient
    let clock: any WallClock
    let logger: Logger
    let url: PostgresURL
    let lifecycle = PoolLifecycle()

    /// Prepares a store for the database at `url` (`postgres://user:password@host:port/database`);
    /// connects nothing yet. Throws ``PostgresStoreError/invalidURL(_:)`` for a URL it cannot use.
    public init(
        url: String, maxConnections: Int = 10, clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "byline.postgres")
    ) throws {
        guard maxConnections >= 1 else { throw StoreError.invalidInput("maxConnections must be at least 1") }
        self.url = try PostgresURL(parsing: url)
        self.clock = clock
        self.logger = logger
        var configuration = PostgresClient.Configuration(
            host: self.url.host, port: self.url.port, username: self.url.username, password: self.url.password,
            database: self.url.database, tls: .disable)
        configuration.options.maximumConnections = maxConnections
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    deinit {
        lifecycle.stop()?.cancel()
    }

    /// Runs the pool in a background task, checks the server answers, and applies pending
    /// migrations. Throws ``PostgresStoreError/cannotConnect(_:)`` when the server cannot be reached.
    public func start() async throws {
        try lifecycle.startBackground { [client] in Task { await client.run() } }
        do {
            try await checkConnection()
            try await migrate()
        } catch {
            await shutdown()
            throw error
        }
    }

    /// Closes the pool that ``start()`` runs and waits until its connections are closed.
    public func shutdown() async {
        guard let task = lifecycle.stop() else { return }
        task.cancel()
        await task.value
    }

    /// `Service`: runs the pool until graceful shutdown or cancellation. When ``start()`` already
    /// runs it, waits for that moment instead and then shuts the store down.
    public func run() async throws {
        switch lifecycle.claimRun() {
        case .runPool:
            await client.run()
            _ = lifecycle.stop()
        case .holdBackground:
            try? await gracefulShutdown()
            await shutdown()
        case .nothing:
            return
        }
    }

    /// Applies the migrations this database lacks (``PostgresMigrations``); safe to call from
    /// several nodes at once.
    public func migrate() async throws {
        try await withSession { session in
            let applied = try await PostgresMigrations.apply(session)
            if !applied.isEmpty { logger.info("applied PostgreSQL migrations", metadata: ["names": "\(applied)"]) }
        }
    }

    /// One connection outside the pool, so a wrong address or password fails now with its real
    /// reason rather than as a pool timeout on the first query.
    func checkConnection() async throws {
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
            tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw PostgresErrors.translate(error, endpoint: url.endpoint)
        }
    }
}
