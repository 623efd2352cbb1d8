import BylineCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// The engine for sites served by several nodes: one PostgreSQL database shared by all of them,
/// with the same semantics as ``SQLiteEngine``.
///
/// Queries go through a connection pool that must be running: either call ``start()`` (runs it
/// in a background task and applies migrations; pair it with ``shutdown()``), or add the engine
/// to a `ServiceGroup`, whose call of ``run()`` runs the pool (then call ``migrate()`` once it
/// runs). An engine that was started and is then added to a group keeps running until the group
/// shuts down.
///
/// Store queries run synchronously (``SQLConnection``) on a thread pool of the engine's own, one
/// thread per connection, never on Swift Concurrency's or NIO's threads.
public final class PostgresEngine: SQLEngine, Service {
    public let dialect = SQLDialect.postgres
    let client: PostgresClient
    let logger: Logger
    let url: PostgresURL
    let threads: NIOThreadPool
    /// How long a read's statements may take in all; the server's `statement_timeout` too.
    let queryTimeout: Duration
    /// Writes may wait for other nodes' writes (row and advisory locks) under load: longer.
    let writeTimeout: Duration
    let lifecycle = PoolLifecycle()

    /// How many times a write is tried before its conflict is reported.
    static let writeAttempts = 8

    /// Prepares an engine for the database at `url` (`postgres://user:password@host:port/database`);
    /// connects nothing yet. Throws ``PostgresStoreError/invalidURL(_:)`` for a URL it cannot use.
    public init(
        url: String, maxConnections: Int = 10, queryTimeout: Duration = .seconds(5),
        writeTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "byline.postgres")
    ) throws {
        guard maxConnections >= 1 else { throw StoreError.invalidInput("maxConnections must be at least 1") }
        guard queryTimeout > .zero else { throw StoreError.invalidInput("the query timeout must be positive") }
        self.url = try PostgresURL(parsing: url)
        self.logger = logger
        self.queryTimeout = queryTimeout
        self.writeTimeout = max(writeTimeout, queryTimeout)
        var configuration = PostgresClient.Configuration(
            host: self.url.host, port: self.url.port, username: self.url.username, password: self.url.password,
            database: self.url.database, tls: try self.url.clientTLS())
        configuration.options.maximumConnections = maxConnections
        // The server gives up on a statement too, so a query cut off by the client's deadline
        // does not go on holding locks.
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(Self.milliseconds(queryTimeout))")
        ]
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.threads = NIOThreadPool(numberOfThreads: maxConnections)
        threads.start()
    }

    deinit {
        lifecycle.stop()?.cancel()
        threads.shutdownGracefully { _ in }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
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
    /// runs it, waits for that moment instead and then shuts the engine down.
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

    /// Applies the migrations this database lacks (``PostgresMigrations``), then converts bodies
    /// from before Markdown (``SiteStore/convertLegacyBodies(in:)``) and gives posts scheduled the
    /// old way their status (``SiteStore/scheduleFutureDatedPosts(in:)``); safe to call from
    /// several nodes at once.
    public func migrate() async throws {
        try await withSession { session in
            // Migrations may rewrite big tables: no statement limit for them.
            try await session.execute("SET statement_timeout = 0")
            let applied = try await PostgresMigrations.apply(session)
            try await session.execute("RESET statement_timeout")
            if !applied.isEmpty { logger.info("applied PostgreSQL migrations", metadata: ["names": "\(applied)"]) }
        }
        let converted = try await SiteStore.convertLegacyBodies(in: self)
        if converted > 0 { logger.info("converted post bodies to Markdown", metadata: ["posts": "\(converted)"]) }
        let scheduled = try await SiteStore.scheduleFutureDatedPosts(in: self)
        if scheduled > 0 { logger.info("future-dated posts are now scheduled", metadata: ["posts": "\(scheduled)"]) }
        let indexed = try await SiteStore.indexPostsForSearch(in: self)
        if indexed > 0 { logger.info("indexed posts for search", metadata: ["posts": "\(indexed)"]) }
    }

    /// One connection outside the pool, so a wrong address or password fails now with its real
    /// reason rather than as a pool timeout on the first query.
    func checkConnection() async throws {
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
            tls: try url.connectionTLS())
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw url.connectionError(error)
        }
    }

    /// An async session on one pooled connection: migrations and diagnostics.
    func withSession<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        // Without a running pool a query would wait forever: fail now with the reason instead.
        guard await lifecycle.isRunning() else { throw PostgresStoreError.notRunning }
        do {
            return try await client.withConnection { connection in
                try await body(PostgresSession(connection: connection, logger: logger))
            }
        } catch {
            throw PostgresErrors.translate(error, endpoint: url.endpoint)
        }
    }

    public func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", limit: queryTimeout, body)
    }

    public func longRead<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", limit: nil, body)
    }

    /// Unique violations, serialization failures and deadlocks come from writers on other nodes;
    /// running the whole transaction again sees their committed work.
    public func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await retryingConflicts { try await self.transaction("BEGIN", limit: self.writeTimeout, body) }
    }

    public func longWrite<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await retryingConflicts { try await self.transaction("BEGIN", limit: nil, body) }
    }

    private func retryingConflicts<Result: Sendable>(_ attempt: () async throws -> Result) async throws -> Result {
        var number = 1
        while true {
            do {
                return try await attempt()
            } catch let error where PostgresErrors.isTransient(error) {
                guard number < Self.writeAttempts else {
                    let state = PostgresErrors.sqlState(of: error) ?? "?"
                    let message = (error as? PSQLError)?.serverInfo?[.message] ?? "\(error)"
                    throw PostgresStoreError.conflict(attempts: number, sqlState: state, message: message)
                }
                logger.debug("retrying a conflicting write", metadata: ["attempt": "\(number)"])
                // A random pause keeps two nodes from colliding again in lockstep.
                try await Task.sleep(for: .milliseconds(Int.random(in: 2...10) * number))
                number += 1
            }
        }
    }

    /// Runs `body` between `begin` and COMMIT on a pooled connection, on one of the engine's
    /// threads; rolls back when it throws. `limit` bounds the transaction once it has its
    /// connection (nil: no limit, and no server statement limit either).
    private func transaction<Result: Sendable>(
        _ begin: String, limit: Duration?, _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        guard await lifecycle.isRunning() else { throw PostgresStoreError.notRunning }
        let logger = self.logger
        do {
            return try await client.withConnection { connection in
                // From here: waiting for a free connection is bounded by the caller (a request's
                // own deadline), so a burst of writes queueing for the pool is not cut off.
                let deadline = limit.map { NIODeadline.now() + .milliseconds(Self.milliseconds($0)) }
                return try await threads.runIfActive {
                    let session = PostgresBlockingConnection(
                        connection: connection, logger: logger, deadline: deadline, limit: limit)
                    try session.execute(text: begin)
                    do {
                        if limit != self.queryTimeout {
                            let milliseconds = limit.map(Self.milliseconds) ?? 0
                            try session.execute(text: "SET LOCAL statement_timeout = \(milliseconds)")
                        }
                        let result = try body(session)
                        try session.execute(text: "COMMIT")
                        return result
                    } catch {
                        _ = try? session.execute(text: "ROLLBACK")
                        throw error
                    }
                }
            }
        } catch let error where PostgresErrors.isTransient(error) {
            throw error
        } catch {
            throw PostgresErrors.translate(error, endpoint: url.endpoint)
        }
    }
}
