import BylineCore

/// The export's walk: batches by member id, newest first, each one index range from where the
/// previous batch stopped (no OFFSET, so the last batch of 100,000 costs what the first does).
extension SiteStore {
    public func membersForExport(_ filter: MemberFilter, beforeID: Int64?, limit: Int) async throws -> [Member] {
        let selection = Self.memberSelection(filter)
        return try await engine.longRead { db in
            var bound: [SQL] = []
            if let beforeID {
                // Stated on both tables when walking a newsletter's range: PostgreSQL merges the
                // two id orders and would otherwise read the members from the newest each time.
                bound.append("\(selection.order) < \(beforeID)")
                if filter.newsletterID != nil { bound.append("m.id < \(beforeID)") }
            }
            let ids = try db.fetchAll(
                """
                SELECT m.id FROM \(selection.tables)\(selection.matching(bound))
                ORDER BY \(selection.order) DESC LIMIT \(max(0, limit))
                """
            ).map { try $0.value(at: 0) as Int64 }
            return try Self.members(db, ids: ids)
        }
    }
}
