import BylineCore

/// Making the search index's own structures compact again after many posts were indexed one
/// by one (an import, a restore, an upgrade that rewrote every row), which leaves them larger
/// and slower than structures built at once.
///
/// PostgreSQL: a GIN index filled row by row was 1.2 to 8 times the size of the same index
/// rebuilt (100,000 imported posts, per partition: `tags_vector` 577 pages against 71,
/// `title_vector` 180 against 25, `vector` 1,047 against 450), and every kind of search was
/// 10 to 20% faster at p50 once rebuilt (`scripts/bench-search`). `REINDEX` of each partition
/// (17 s per 100,000 posts) blocks writes to it, and searches of it, while it runs.
/// SQLite: FTS5's `optimize` merges the index's segments into one (5 s per 100,000 posts,
/// searches about 5% faster).
extension SearchIndex {
    /// What ``compact(_:part:)`` compacts one at a time: PostgreSQL's partitions of
    /// `post_search`, oldest range first; SQLite's one FTS5 table.
    static func compactionParts(_ db: any SQLConnection) throws -> [String] {
        guard db.dialect == .postgres else { return ["post_search"] }
        return try db.fetchAll(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'post_search'::regclass ORDER BY c.relname
            """
        ).map { try $0["relname"] as String }
    }

    /// Compacts one part (``compactionParts(_:)``) inside the caller's transaction.
    static func compact(_ db: any SQLConnection, part: String) throws {
        switch db.dialect {
        case .sqlite:
            try db.execute("INSERT INTO post_search(post_search) VALUES ('optimize')")
        case .postgres:
            // A name from the catalog, written into the statement: only a partition's.
            guard part.hasPrefix("post_search_"), part.dropFirst("post_search_".count).allSatisfy(\.isNumber) else {
                throw StoreError.invalidInput("not a search index partition: \(part)")
            }
            try db.execute("REINDEX TABLE \(raw: part)")
        }
    }

    /// Compacts every part inside the caller's transaction (a restore, which rebuilt the index).
    static func compact(_ db: any SQLConnection) throws {
        for part in try compactionParts(db) { try compact(db, part: part) }
    }
}

extension SiteStore {
    /// Posts an import indexes, at least, before ``compactSearchIndex()`` is worth it.
    public static let searchCompactionThreshold = 1_000

    /// Makes the search index compact again (``SearchIndex`` `+Compaction`): after an import of
    /// ``searchCompactionThreshold`` posts or more. One transaction per PostgreSQL partition, so
    /// searches and writes wait for one range at a time. Returns how many parts it compacted.
    @discardableResult
    public func compactSearchIndex() async throws -> Int {
        let parts = try await engine.read { db in try SearchIndex.compactionParts(db) }
        for part in parts {
            try await engine.longWrite { db in try SearchIndex.compact(db, part: part) }
        }
        return parts.count
    }
}
