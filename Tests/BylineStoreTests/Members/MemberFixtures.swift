import BylineCore
import BylineStore
import BylineTestSupport
import Foundation

/// Members in the states the tests need, made through the store's own calls.
enum MemberFixtures {
    /// A member who signed up for `newsletterIDs` (none: every active one) and confirmed.
    static func confirmed(_ store: SiteStore, _ email: String, newsletterIDs: [Int64] = []) async throws -> Member {
        let outcome = try await store.requestSignup(email: email, newsletterIDs: newsletterIDs)
        return try await store.confirmMember(id: outcome.memberID)
    }

    /// Two newsletters, as the demo has them.
    static func newsletters(_ store: SiteStore) async throws -> (daily: Newsletter, breaking: Newsletter) {
        let daily = try await store.createNewsletter(
            NewsletterInput(name: "Daily Briefing", description: "The day's news at 7.", sortOrder: 1))
        let breaking = try await store.createNewsletter(
            NewsletterInput(name: "Breaking News", description: "When it happens.", sortOrder: 2))
        return (daily, breaking)
    }

    /// Every table of the database with the number of its rows that hold `text` (any case) in
    /// any column: whatever the schema grows, a deleted member's address must be nowhere.
    static func rowsMentioning(_ text: String, in store: SiteStore) async throws -> [String: Int] {
        let pattern = "%" + text.lowercased() + "%"
        return try await store.engine.read { db in
            let sqlite = db.dialect == .sqlite
            let tablesQuery: SQL =
                sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = current_schema()"
            let tables: [String] = try db.fetchAll(tablesQuery).map { try $0.value(at: 0) }
            var found: [String: Int] = [:]
            for table in tables {
                let columnsQuery: SQL =
                    sqlite
                    ? "SELECT name FROM pragma_table_info(\(table))"
                    : """
                    SELECT column_name::TEXT FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = \(table)
                    """
                let columns: [String] = try db.fetchAll(columnsQuery).map { try $0.value(at: 0) }
                let conditions = columns.map { column -> SQL in
                    "lower(CAST(\"\(raw: column)\" AS TEXT)) LIKE \(pattern)"
                }
                guard !conditions.isEmpty else { continue }
                let count: Int =
                    try db.value(
                        "SELECT COUNT(*) FROM \(raw: table) WHERE " + SQL.joined(conditions, separator: " OR ")) ?? 0
                if count > 0 { found[table] = count }
            }
            return found
        }
    }
}
