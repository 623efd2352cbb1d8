import BylineCore
import Foundation

/// The values one member import writes, derived once from its rows before any engine runs.
struct MemberImportPlan: Sendable {
    /// One new member as written.
    struct Entry: Sendable {
        /// ``SignupRules/normalizedEmail(_:)``.
        let email: String
        /// ``SignupRules/emailKey(_:)``: what finds an existing member.
        let emailKey: String
        /// ``SignupRules/memberName(_:)``.
        let name: String
        let nameKey: String
        let status: MemberStatus
        /// Lowercased slugs; nil: every active newsletter.
        let newsletterSlugs: [String]?
    }

    /// Rows per transaction: large enough that 100,000 rows take seconds, small enough that a
    /// statement stays far below both engines' parameter limits (4 values a row) and a batch
    /// holds the writer briefly.
    static let batchSize = 1_000

    /// One per address, in file order.
    let entries: [Entry]
    /// Rows refused: not an address, or one an earlier row already names.
    let problems: [MemberImportProblem]
    let now: Date

    init(_ rows: [MemberImportRow], confirmed: Bool, now: Date) {
        var entries: [Entry] = []
        var problems: [MemberImportProblem] = []
        var firstLine: [String: Int] = [:]
        entries.reserveCapacity(rows.count)
        for row in rows {
            let email: String
            do {
                email = try SignupRules.normalizedEmail(row.email)
            } catch {
                problems.append(MemberImportProblem(line: row.line, email: row.email, reason: .invalidEmail(error)))
                continue
            }
            let key = SignupRules.emailKey(email)
            if let line = firstLine[key] {
                problems.append(
                    MemberImportProblem(line: row.line, email: row.email, reason: .duplicate(firstLine: line)))
                continue
            }
            firstLine[key] = row.line
            let name = SignupRules.memberName(row.name)
            // Consent is the import's to state; a row can only hold a member back to pending.
            let status: MemberStatus = confirmed ? (row.status ?? .confirmed) : .pending
            entries.append(
                Entry(
                    email: email, emailKey: key, name: name, nameKey: name.lowercased(), status: status,
                    newsletterSlugs: row.newsletterSlugs?.map { $0.lowercased() }))
        }
        self.entries = entries
        self.problems = problems
        self.now = now
    }

    /// The entries in transaction-sized batches.
    var batches: [ArraySlice<Entry>] {
        stride(from: 0, to: entries.count, by: Self.batchSize).map {
            entries[$0..<min($0 + Self.batchSize, entries.count)]
        }
    }
}
