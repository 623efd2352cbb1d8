import BylineCore
import BylineStore

/// The import preview page's context: what an import of the file would do, the rows it would
/// refuse with their line and reason, and the form that imports it.
struct MemberImportPreview {
    struct Problem {
        let line: Int
        let email: String
        let reason: String
    }

    /// Problems listed on the page; the rest are counted. Enough to see what is wrong with a file.
    static let shownProblems = 500

    let csv: String
    let confirmed: Bool
    let rowsRead: Int
    let wouldAdd: Int
    let existing: Int
    let namesFilled: Int
    let problemCount: Int
    let problems: [Problem]
    let hasProblems: Bool
    let moreProblems: Int
    let hasMoreProblems: Bool
    let ignoredColumns: String?
    let newsletterNote: String
    let canImport: Bool
    let buttonLabel: String

    /// `existingNames`: the stored name of each address of the file that is a member.
    init(csv: String, confirmed: Bool, file: MemberImport, existingNames: [String: String]) {
        self.csv = csv
        self.confirmed = confirmed
        rowsRead = file.rowsRead
        var existing = 0
        var namesFilled = 0
        for row in file.rows {
            guard let stored = existingNames[SignupRules.emailKey(row.email)] else { continue }
            existing += 1
            if stored.isEmpty, !row.name.isEmpty { namesFilled += 1 }
        }
        self.existing = existing
        self.namesFilled = namesFilled
        wouldAdd = file.rows.count - existing
        problemCount = file.problems.count
        problems = file.problems.prefix(Self.shownProblems).map {
            Problem(line: $0.line, email: $0.email, reason: $0.reason.description)
        }
        hasProblems = !problems.isEmpty
        moreProblems = max(0, file.problems.count - Self.shownProblems)
        hasMoreProblems = moreProblems > 0
        ignoredColumns = file.ignoredColumns.isEmpty ? nil : file.ignoredColumns.joined(separator: ", ")
        newsletterNote =
            file.hasNewsletterColumn
            ? "New members get the newsletters their row names (an empty cell: none)."
            : "The file has no newsletters column: new members get every active newsletter."
        canImport = !file.rows.isEmpty
        buttonLabel = wouldAdd == 1 ? "Import 1 member" : "Import \(wouldAdd) members"
    }
}
