import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A leased PostgreSQL connection driven synchronously from a thread of the engine's own
/// thread pool, so store queries are written once for both engines (``SQLConnection``).
///
/// Every statement must finish before `deadline`: past it the connection is closed, which ends
/// the query whatever the server is doing (a stalled server, a lock), and the caller gets
/// ``PostgresStoreError/timedOut(_:)``. Cancelling a task cannot do that: the query would run on.
final class PostgresBlockingConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    let deadline: NIODeadline?
    let limit: Duration?

    var dialect: SQLDialect { .postgres }

    init(connection: PostgresConnection, logger: Logger, deadline: NIODeadline?, limit: Duration?) {
        self.connection = connection
        self.logger = logger
        self.deadline = deadline
        self.limit = limit
    }

    func fetchAll(_ sql: SQL) throws -> [SQLRow] {
        try run(Self.query(sql)).map(SQLRow.init(postgres:))
    }

    func execute(_ sql: SQL) throws {
        _ = try run(Self.query(sql))
    }

    /// Runs a statement's text as it is (transaction control).
    func execute(text: String) throws {
        _ = try run(PostgresQuery(unsafeSQL: text))
    }

    private func run(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        let connection = self.connection
        let logger = self.logger
        let promise = connection.eventLoop.makePromise(of: [PostgresRandomAccessRow].self)
        promise.completeWithTask {
            try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }
        var timeout: Scheduled<Void>?
        if let deadline {
            let limit = self.limit ?? .zero
            timeout = connection.eventLoop.scheduleTask(deadline: deadline) {
                promise.fail(PostgresStoreError.timedOut("no answer within \(limit)"))
                // The only way to stop a query the server does not answer: drop its connection.
                connection.close().whenComplete { _ in }
            }
        }
        defer { timeout?.cancel() }
        return try promise.futureResult.wait()
    }

    static func query(_ sql: SQL) throws -> PostgresQuery {
        let (text, values) = sql.rendered(for: .postgres)
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .date(let date): bindings.append(date)
            case .bool(let flag): bindings.append(flag)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}
