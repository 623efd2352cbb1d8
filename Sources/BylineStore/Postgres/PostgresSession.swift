import Logging
import PostgresNIO

/// One leased connection and the store's logger: what query code talks to the server through.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row, read to the end (a statement's error may arrive after its first rows).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws
        -> Value?
    {
        guard let row = try await row(query), row[0].bytes != nil else { return nil }
        return try row[0].decode(Value.self)
    }

    /// Runs `body` between BEGIN (`begin` is the full statement) and COMMIT; rolls back when it
    /// throws, so the connection goes back to the pool with no transaction open.
    func transaction<Result>(begin: String, _ body: (PostgresSession) async throws -> Result) async throws -> Result {
        try await execute(PostgresQuery(unsafeSQL: begin))
        do {
            let result = try await body(self)
            try await execute("COMMIT")
            return result
        } catch {
            _ = try? await execute("ROLLBACK")
            throw error
        }
    }
}

extension PostgresRandomAccessRow {
    /// The named column's value, e.g. `let id: Int64 = try row.value("id")`.
    func value<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }
}
