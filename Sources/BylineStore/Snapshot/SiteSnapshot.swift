import Crypto
import Foundation

/// A whole site's content, row for row with ids kept, as engine-neutral values: what
/// `byline migrate-store` copies from one store to another and verifies.
public struct SiteSnapshot: Sendable, Equatable {
    /// One table's rows, values in the order of its ``SnapshotTable/columns``.
    public struct TableRows: Sendable, Equatable {
        public var name: String
        public var rows: [[SQLValue]]

        public init(name: String, rows: [[SQLValue]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var tables: [TableRows]

    public init(tables: [TableRows]) {
        self.tables = tables
    }

    /// The rows of table `name` (empty when the snapshot has none).
    public func rows(of name: String) -> [[SQLValue]] {
        tables.first { $0.name == name }?.rows ?? []
    }

    /// Rows per table, for the copy's report.
    public var rowCounts: [(table: String, rows: Int)] {
        tables.map { ($0.name, $0.rows.count) }
    }

    public var isEmpty: Bool { tables.allSatisfy(\.rows.isEmpty) }

    /// SHA-256 of every table name, row and value, with times to the millisecond (the finest
    /// both engines keep): equal checksums mean the copy holds the same content.
    public func checksum() -> String {
        var hash = SHA256()
        func feed(_ text: String) {
            hash.update(data: Array("\(text.utf8.count):".utf8) + Array(text.utf8))
        }
        for table in tables {
            feed("table \(table.name) \(table.rows.count)")
            for row in table.rows {
                feed("row \(row.count)")
                for value in row {
                    switch value {
                    case .null: feed("n")
                    case .integer(let number): feed("i\(number)")
                    case .real(let number): feed("r\(number)")
                    case .text(let text): feed("t" + text)
                    case .date(let date): feed("d\(Int64((date.timeIntervalSince1970 * 1000).rounded()))")
                    case .bool(let flag): feed(flag ? "b1" : "b0")
                    case .blob(let bytes):
                        // Megabytes of image bytes: their own digest stands for them.
                        feed("x" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
                    }
                }
            }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
