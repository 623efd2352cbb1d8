/// One database connection inside a read or a write (``SQLEngine``): what every query of the
/// store is written against, once for both engines. Calls block until the engine answers; the
/// engines run them off Swift Concurrency's threads.
public protocol SQLConnection {
    var dialect: SQLDialect { get }
    /// Every row the statement returns.
    func fetchAll(_ sql: SQL) throws -> [SQLRow]
    /// Runs a statement that returns no rows.
    func execute(_ sql: SQL) throws
}

extension SQLConnection {
    public func fetchOne(_ sql: SQL) throws -> SQLRow? {
        try fetchAll(sql).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    public func value<Value: SQLColumnDecodable>(_ sql: SQL, as type: Value.Type = Value.self) throws -> Value? {
        guard let row = try fetchOne(sql) else { return nil }
        return try row.value(at: 0) as Value?
    }

    /// Runs an `INSERT` and returns the new row's `id` (both engines support `RETURNING`).
    public func insertReturningID(_ sql: SQL) throws -> Int64 {
        guard let id: Int64 = try value(sql + " RETURNING id") else { throw SQLDecodingError.missingColumn("id") }
        return id
    }
}
