import BylineCore
import Foundation
import GRDB

/// The embedded default engine: one SQLite file in WAL mode (GRDB's `DatabasePool`), shared
/// safely by a server and command-line imports running at the same time.
public final class SQLiteEngine: SQLEngine {
    public let dialect = SQLDialect.sqlite
    let pool: DatabasePool

    /// The file name inside a data folder.
    public static let fileName = "byline.sqlite"

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (an import) may hold the write lock for a moment: wait rather than fail.
        configuration.busyMode = .timeout(10)
        configuration.label = "byline"
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteMigrations.migrator.migrate(pool)
    }

    public func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await pool.read { db in try body(GRDBConnection(db: db)) }
    }

    public func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await pool.write { db in try body(GRDBConnection(db: db)) }
    }

    public func longWrite<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await write(body)
    }

    public func longRead<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result)
        async throws -> Result
    {
        try await read(body)
    }
}

/// A GRDB connection inside one of its read or write closures.
struct GRDBConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func fetchAll(_ sql: SQL) throws -> [SQLRow] {
        let (statement, arguments) = try prepare(sql)
        return try Row.fetchAll(statement, arguments: arguments).map(SQLRow.init(sqlite:))
    }

    func execute(_ sql: SQL) throws {
        let (statement, arguments) = try prepare(sql)
        try statement.execute(arguments: arguments)
    }

    /// Prepared statements are cached per connection: the same query text is parsed once.
    private func prepare(_ sql: SQL) throws -> (Statement, StatementArguments) {
        let (text, values) = sql.rendered(for: .sqlite)
        let statement = try db.cachedStatement(sql: text)
        return (statement, StatementArguments(values.map(Self.databaseValue)))
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .date(let date): date.databaseValue
        case .bool(let flag): flag.databaseValue
        case .blob(let bytes): bytes.databaseValue
        }
    }
}
