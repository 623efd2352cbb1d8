import BylineCore
import Foundation

/// Whole-site copies in and out (`byline migrate-store`), table by table from ``SnapshotTables``.
extension SiteStore: SnapshotStore {
    public func snapshot() async throws -> SiteSnapshot {
        try await snapshot(of: SnapshotTables.all)
    }

    public func restore(_ snapshot: SiteSnapshot, replacing: Bool) async throws {
        try await restore(snapshot, into: SnapshotTables.all, replacing: replacing)
    }

    /// A snapshot of `tables` (tests add a table to the list).
    func snapshot(of tables: [SnapshotTable]) async throws -> SiteSnapshot {
        try await engine.longRead { db in
            try Self.checkEveryTableIsListed(db, tables)
            return SiteSnapshot(
                tables: try tables.map { table in
                    let columns = table.columns.map(\.name).joined(separator: ", ")
                    let rows = try db.fetchAll(
                        "SELECT \(raw: columns) FROM \(raw: table.name) ORDER BY \(raw: table.orderBy)")
                    return SiteSnapshot.TableRows(
                        name: table.name,
                        rows: try rows.map { row in try table.columns.map { try Self.value(row, $0) } })
                })
        }
    }

    func restore(_ snapshot: SiteSnapshot, into tables: [SnapshotTable], replacing: Bool) async throws {
        let now = clock.now()
        let known = Set(tables.map(\.name))
        if let unknown = snapshot.tables.first(where: { !known.contains($0.name) }) {
            throw StoreError.invalidInput("the snapshot has a table this store does not know: \(unknown.name)")
        }
        try await engine.longWrite { db in
            try Self.checkEveryTableIsListed(db, tables)
            let hasContent = try tables.contains { table in
                try db.value("SELECT 1 FROM \(raw: table.name) LIMIT 1", as: Int.self) != nil
            }
            if hasContent {
                guard replacing else { throw StoreError.notEmpty("the target store") }
                for table in tables.reversed() {
                    try db.execute("DELETE FROM \(raw: table.name)")
                }
            }
            for table in tables {
                try Self.insert(db, table, rows: snapshot.rows(of: table.name))
                if table.serialID, db.dialect == .postgres {
                    // New rows continue after the copied ids.
                    try db.execute(
                        """
                        SELECT setval(pg_get_serial_sequence(\(table.name), 'id'),
                            GREATEST((SELECT MAX(id) FROM \(raw: table.name)), 1), (SELECT COUNT(*) > 0 FROM \(raw: table.name)))
                        """)
                }
            }
            try PostCounts.recount(db)
            // The search index is derived from the posts, never copied: made again from them.
            try SearchIndex.rebuild(db)
            // Rebuilt post by post: compacted as one (``SearchIndex/compact(_:)``).
            try SearchIndex.compact(db)
            try Self.resetRelatedLists(db)
            // Everything changed: every running server drops its cached pages.
            try Self.recordChange(db, [.site], now: now)
        }
    }

    /// Rows per statement: well under both engines' limits on parameters.
    static let insertBatch = 200

    static func insert(_ db: any SQLConnection, _ table: SnapshotTable, rows: [[SQLValue]]) throws {
        let columns = table.columns.map(\.name).joined(separator: ", ")
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + insertBatch, rows.count)]
            let values = try batch.map { row -> SQL in
                guard row.count == table.columns.count else {
                    throw StoreError.invalidInput(
                        "a \(table.name) row has \(row.count) values for \(table.columns.count) columns")
                }
                // Typed for PostgreSQL: a column whose values are all NULL would be text otherwise.
                let cells = zip(row, table.columns).map { value, column -> SQL in
                    "\(value)\(sqlite: "", postgres: "::" + column.kind.postgresType)"
                }
                return "(\(SQL.joined(cells, separator: ", ")))"
            }
            try db.execute(
                "INSERT INTO \(raw: table.name) (\(raw: columns)) VALUES \(SQL.joined(values, separator: ", "))")
            start += insertBatch
        }
    }

    static func value(_ row: SQLRow, _ column: SnapshotTable.Column) throws -> SQLValue {
        switch column.kind {
        case .integer: return (try row[column.name] as Int64?).sqlValue
        case .text: return (try row[column.name] as String?).sqlValue
        case .date: return (try row[column.name] as Date?).sqlValue
        case .blob: return (try row[column.name] as Data?).sqlValue
        }
    }

    /// A table in the schema but neither copied nor excluded would be lost by every copy.
    static func checkEveryTableIsListed(_ db: any SQLConnection, _ tables: [SnapshotTable]) throws {
        let names = try tableNames(db)
        let listed = Set(tables.map(\.name)).union(SnapshotTables.excluded.keys)
        if let missing = names.sorted().first(where: { !listed.contains($0) }) {
            throw StoreError.invalidInput(
                "table \(missing) is in neither SnapshotTables.all nor SnapshotTables.excluded: a copy would lose it")
        }
        if let absent = tables.first(where: { !names.contains($0.name) }) {
            throw StoreError.invalidInput("table \(absent.name) of SnapshotTables.all is not in the database")
        }
    }

    /// Tables of the store's schema (PostgreSQL: not the partitions of a partitioned one).
    static func tableNames(_ db: any SQLConnection) throws -> Set<String> {
        let query: SQL =
            db.dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "\(raw: PostgresEngine.tablesSQL)"
        return Set(try db.fetchAll(query).map { try $0.value(at: 0) as String })
    }
}
