import BylineCore
import Foundation

/// Member import, written once for both engines. Each batch of ``MemberImportPlan/batchSize``
/// rows is one transaction of a few statements, whatever its size: one multi-row INSERT that
/// skips addresses already on file (the unique `email_key`) and returns the new ids, one INSERT
/// of their subscriptions per distinct choice of newsletters, and one UPDATE that fills in
/// missing names of existing members. Row by row, 100,000 members would be 300,000 statements.
extension SiteStore: MemberAdministration {
    public func importMembers(_ rows: [MemberImportRow], confirmed: Bool) async throws -> MemberImportResult {
        let plan = MemberImportPlan(rows, confirmed: confirmed, now: clock.now())
        var result = MemberImportResult(problems: plan.problems)
        guard !plan.entries.isEmpty else { return result }
        let active = try await newsletters(includingInactive: false)
        let activeIDs = active.map(\.id)
        let idBySlug = Dictionary(active.map { ($0.slug, $0.id) }, uniquingKeysWith: { first, _ in first })
        let now = plan.now
        for batch in plan.batches {
            let written = try await engine.longWrite { db in
                try Self.importBatch(db, batch, now: now, activeIDs: activeIDs, idBySlug: idBySlug)
            }
            result.added += written.added
            result.existing += batch.count - written.added
            result.namesFilled += written.namesFilled
        }
        return result
    }

    /// Writes one batch; returns how many members it added and how many names it filled in.
    static func importBatch(
        _ db: any SQLConnection, _ batch: ArraySlice<MemberImportPlan.Entry>, now: Date, activeIDs: [Int64],
        idBySlug: [String: Int64]
    ) throws -> (added: Int, namesFilled: Int) {
        // Four parameters a row: the time is bound once per statement and the status, which
        // comes from an enum, is written as a literal. Binding costs more than the insert does.
        let values = SQL.joined(
            batch.map { entry in
                "(\(entry.email), \(entry.emailKey), \(entry.name), \(entry.nameKey), '\(raw: entry.status.rawValue)')"
            }, separator: ", ")
        // `WHERE true`: SQLite reads an upsert after INSERT ... SELECT only when the SELECT has a
        // WHERE clause.
        let inserted = try db.fetchAll(
            """
            INSERT INTO members (email, email_key, name, name_key, status, created_at, confirmed_at, updated_at,
                hard_bounces, email_disabled)
            SELECT v.column1, v.column2, v.column3, v.column4, v.column5, \(now),
                CASE WHEN v.column5 = '\(raw: MemberStatus.confirmed.rawValue)' THEN \(now) END, \(now), 0, 0
            FROM (VALUES \(values)) AS v
            WHERE true
            ON CONFLICT (email_key) DO NOTHING
            RETURNING id, email_key
            """)
        var newIDs: [String: Int64] = [:]
        for row in inserted { newIDs[try row["email_key"]] = try row["id"] }

        // New members by the newsletters they get: an import usually names one choice for all.
        var membersByChoice: [[Int64]: [Int64]] = [:]
        for entry in batch {
            guard let id = newIDs[entry.emailKey] else { continue }
            let chosen = entry.newsletterSlugs.map { slugs in slugs.compactMap { idBySlug[$0] } } ?? activeIDs
            membersByChoice[Array(Set(chosen)).sorted(), default: []].append(id)
        }
        for (newsletterIDs, memberIDs) in membersByChoice where !newsletterIDs.isEmpty {
            try db.execute(
                """
                INSERT INTO member_newsletters (member_id, newsletter_id, created_at)
                SELECT m.id, n.id, \(now) FROM members m JOIN newsletters n ON n.id IN \(list: newsletterIDs)
                WHERE m.id IN \(list: memberIDs) AND n.active = 1
                """)
        }

        // Existing members: a name the member chose themselves is never replaced.
        let named = batch.filter { newIDs[$0.emailKey] == nil && !$0.name.isEmpty }
        var namesFilled = 0
        if !named.isEmpty {
            let names = SQL.joined(
                named.map { "(\($0.emailKey), \($0.name), \($0.nameKey))" }, separator: ", ")
            namesFilled = try db.fetchAll(
                """
                UPDATE members SET name = v.column2, name_key = v.column3, updated_at = \(now)
                FROM (VALUES \(names)) AS v
                WHERE members.email_key = v.column1 AND members.name = ''
                RETURNING id
                """
            ).count
        }
        return (newIDs.count, namesFilled)
    }

    public func memberNames(emailKeys: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for start in stride(from: 0, to: emailKeys.count, by: MemberImportPlan.batchSize) {
            let keys = Array(emailKeys[start..<min(start + MemberImportPlan.batchSize, emailKeys.count)])
            let found = try await engine.read { db in
                try db.fetchAll("SELECT email_key, name FROM members WHERE email_key IN \(list: keys)").map {
                    (try $0["email_key"] as String, try $0["name"] as String)
                }
            }
            for (key, name) in found { names[key] = name }
        }
        return names
    }
}
