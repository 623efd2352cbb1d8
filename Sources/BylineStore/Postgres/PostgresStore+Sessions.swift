import Foundation
import PostgresNIO

/// How store methods reach the database: a plain session, a consistent read, or a write
/// transaction that is retried when a concurrent writer on another node gets in its way.
extension PostgresStore {
    /// How many times a write is tried before its conflict is reported.
    static let writeAttempts = 8

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

    /// Several statements that must see one snapshot, as one SQLite read does.
    func read<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        try await withSession { session in
            try await session.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        }
    }

    /// One write transaction. Unique violations, serialization failures and deadlocks come from
    /// writers on other nodes; running the whole transaction again sees their committed work.
    func write<Result: Sendable>(_ body: @Sendable (PostgresSession) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            guard await lifecycle.isRunning() else { throw PostgresStoreError.notRunning }
            do {
                return try await client.withConnection { connection in
                    try await PostgresSession(connection: connection, logger: logger).transaction(
                        begin: "BEGIN", body)
                }
            } catch let error where PostgresErrors.isTransient(error) {
                guard attempt < Self.writeAttempts else {
                    let state = PostgresErrors.sqlState(of: error) ?? "?"
                    let message = (error as? PSQLError)?.serverInfo?[.message] ?? "\(error)"
                    throw PostgresStoreError.conflict(attempts: attempt, sqlState: state, message: message)
                }
                logger.debug("retrying a conflicting write", metadata: ["attempt": "\(attempt)"])
                // A random pause keeps two nodes from colliding again in lockstep.
                try await Task.sleep(for: .milliseconds(Int.random(in: 2...10) * attempt))
                attempt += 1
            } catch {
                throw PostgresErrors.translate(error, endpoint: url.endpoint)
            }
        }
    }
}
