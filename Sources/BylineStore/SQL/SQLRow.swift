import Foundation
import GRDB
import PostgresNIO

/// One result row from either engine, read by column name:
/// `let id: Int64 = try row["id"]`, `let bio: String? = try row["bio"]`.
public struct SQLRow {
    enum Storage {
        case sqlite(Row)
        case postgres(PostgresRandomAccessRow)
    }

    let storage: Storage

    init(sqlite row: Row) { storage = .sqlite(row) }
    init(postgres row: PostgresRandomAccessRow) { storage = .postgres(row) }

    /// The named column's value; throws ``SQLDecodingError`` when the column is missing, NULL for
    /// a non-optional type, or of another type.
    public subscript<Value: SQLColumnDecodable>(_ column: String) -> Value {
        get throws {
            switch storage {
            case .sqlite(let row):
                guard row.hasColumn(column) else { throw SQLDecodingError.missingColumn(column) }
                return try Value.decode(sqlite: row[column] as DatabaseValue, column: column)
            case .postgres(let row):
                guard row.contains(column) else { throw SQLDecodingError.missingColumn(column) }
                return try Value.decode(postgres: row[column], column: column)
            }
        }
    }

    /// The value of the column at `index` (0 is the first).
    public func value<Value: SQLColumnDecodable>(at index: Int) throws -> Value {
        switch storage {
        case .sqlite(let row):
            guard index < row.count else { throw SQLDecodingError.missingColumn("#\(index)") }
            return try Value.decode(sqlite: row[index] as DatabaseValue, column: "#\(index)")
        case .postgres(let row):
            guard index < row.count else { throw SQLDecodingError.missingColumn("#\(index)") }
            return try Value.decode(postgres: row[index], column: "#\(index)")
        }
    }
}

/// Why a row's value could not be read.
public enum SQLDecodingError: Error, CustomStringConvertible {
    case missingColumn(String)
    case unexpectedNull(String)
    case typeMismatch(column: String, expected: String)

    public var description: String {
        switch self {
        case .missingColumn(let column): "no column \(column) in the result"
        case .unexpectedNull(let column): "column \(column) is NULL"
        case .typeMismatch(let column, let expected): "column \(column) is not a \(expected)"
        }
    }
}

/// A Swift type a result column decodes into, on either engine.
public protocol SQLColumnDecodable {
    static func decode(sqlite value: DatabaseValue, column: String) throws -> Self
    static func decode(postgres cell: PostgresCell, column: String) throws -> Self
}

/// Base types decode through each engine's own conversions.
public protocol SQLBaseColumn: SQLColumnDecodable, DatabaseValueConvertible, PostgresDecodable {}

extension SQLBaseColumn {
    public static func decode(sqlite value: DatabaseValue, column: String) throws -> Self {
        if value.isNull { throw SQLDecodingError.unexpectedNull(column) }
        guard let decoded = Self.fromDatabaseValue(value) else {
            throw SQLDecodingError.typeMismatch(column: column, expected: "\(Self.self)")
        }
        return decoded
    }

    public static func decode(postgres cell: PostgresCell, column: String) throws -> Self {
        if cell.bytes == nil { throw SQLDecodingError.unexpectedNull(column) }
        do {
            return try cell.decode(Self.self)
        } catch {
            throw SQLDecodingError.typeMismatch(column: column, expected: "\(Self.self)")
        }
    }
}

extension Int64: SQLBaseColumn {}
extension Int: SQLBaseColumn {}
extension Double: SQLBaseColumn {}
extension String: SQLBaseColumn {}
extension Date: SQLBaseColumn {}
extension Bool: SQLBaseColumn {}
extension Data: SQLBaseColumn {}

extension Optional: SQLColumnDecodable where Wrapped: SQLColumnDecodable {
    public static func decode(sqlite value: DatabaseValue, column: String) throws -> Self {
        value.isNull ? nil : try Wrapped.decode(sqlite: value, column: column)
    }

    public static func decode(postgres cell: PostgresCell, column: String) throws -> Self {
        cell.bytes == nil ? nil : try Wrapped.decode(postgres: cell, column: column)
    }
}
