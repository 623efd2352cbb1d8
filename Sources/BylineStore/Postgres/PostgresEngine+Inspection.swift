import PostgresNIO

/// What the schema looks like, for tests and diagnostics.
extension PostgresEngine {
    /// Names in `byline_migrations`, oldest first.
    func appliedMigrations() async throws -> [String] {
        try await withSession { db in try await PostgresMigrations.applied(db) }
    }

    /// The names (`name`) of the tables in the store's schema, not counting the partitions of
    /// a partitioned one; the snapshot's list of tables reads them too (``SiteStore/tableNames(_:)``).
    static let tablesSQL = """
        SELECT c.relname::TEXT AS name FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        """

    /// Tables in the store's schema, not counting the partitions of a partitioned one.
    func tableNames() async throws -> Set<String> {
        try await withSession { db in
            Set(try await db.rows(PostgresQuery(unsafeSQL: Self.tablesSQL)).map { try $0.value("name") as String })
        }
    }

    /// Indexes in the store's schema, including those behind keys and unique constraints.
    func indexNames() async throws -> Set<String> {
        try await withSession { db in
            Set(
                try await db.rows("SELECT indexname::TEXT AS name FROM pg_indexes WHERE schemaname = current_schema()")
                    .map { try $0.value("name") as String })
        }
    }
}
