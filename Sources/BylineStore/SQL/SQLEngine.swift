/// Runs store queries on one database engine: SQLite (``SQLiteEngine``) or PostgreSQL
/// (``PostgresEngine``). The queries themselves are written once against ``SQLConnection``.
public protocol SQLEngine: Sendable {
    var dialect: SQLDialect { get }

    /// Statements that see one consistent snapshot of the database.
    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result) async throws
        -> Result

    /// One write transaction: all of it or none. PostgreSQL runs `body` again when a writer on
    /// another node conflicted with it, so `body` must not have effects outside the database.
    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result) async throws
        -> Result

    /// Like ``write(_:)``, without the deadline requests have: for bulk copies and imports.
    func longWrite<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result) async throws
        -> Result

    /// Like ``read(_:)``, without the deadline requests have: for whole-site snapshots.
    func longRead<Result: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> Result) async throws
        -> Result
}
