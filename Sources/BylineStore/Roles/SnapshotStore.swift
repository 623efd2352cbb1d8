/// Whole-site copies: `byline migrate-store` and backups.
public protocol SnapshotStore: Sendable {
    /// Every row of every table in ``SnapshotTables/all``, ids kept, read in one consistent view.
    func snapshot() async throws -> SiteSnapshot
    /// Writes `snapshot` into this store in one transaction, ids kept. Refuses a store that
    /// already has content unless `replacing` is true, which deletes that content first.
    func restore(_ snapshot: SiteSnapshot, replacing: Bool) async throws
}
