import BylineCore
import Foundation

/// Members as CSV, the same from the admin's download and from `byline members export`: the
/// columns an import reads back (`email`, `name`, `status`, `newsletters` as slugs separated by
/// `;`) and the dates, RFC 3339 in UTC. Fields are written by ``CSVCell`` (quoting, and the
/// guard against spreadsheet formulas).
public enum MemberExport {
    public static let columns = ["email", "name", "status", "newsletters", "created_at", "confirmed_at"]
    /// Members read per query: a batch of text a few hundred kB long.
    public static let batchSize = 1_000

    /// The header record.
    public static var header: String { CSVCell.record(columns) }

    /// One record per member; `newsletterSlugs` names each newsletter id.
    public static func records(_ members: [Member], newsletterSlugs: [Int64: String]) -> String {
        var text = ""
        for member in members {
            text += CSVCell.record([
                member.email, member.name, member.status.rawValue,
                member.newsletterIDs.compactMap { newsletterSlugs[$0] }.joined(separator: ";"),
                member.createdAt.formatted(.iso8601), member.confirmedAt?.formatted(.iso8601) ?? "",
            ])
        }
        return text
    }

    /// Walks the members `filter` selects, newest first, a batch at a time, handing `write` the
    /// header and then each batch's records: memory holds one batch, however many members.
    public static func write(
        _ store: any MemberStore & MemberAdministration, filter: MemberFilter = MemberFilter(),
        to write: (String) async throws -> Void
    ) async throws {
        let newsletters = try await store.newsletters(includingInactive: true)
        let slugs = Dictionary(newsletters.map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first })
        try await write(header)
        var beforeID: Int64?
        while true {
            let batch = try await store.membersForExport(filter, beforeID: beforeID, limit: batchSize)
            if !batch.isEmpty { try await write(records(batch, newsletterSlugs: slugs)) }
            guard batch.count == batchSize, let last = batch.last else { return }
            beforeID = last.id
        }
    }
}
