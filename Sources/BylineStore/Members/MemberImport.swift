import BylineCore

/// A member CSV read and checked before anything is written: the rows to import, the rows that
/// cannot be imported with their line and reason, and the columns it does not use. The admin's
/// preview shows it; the import writes ``rows``. Pure: the caller reads the file and lists the
/// newsletters.
///
/// Columns, named in a header row in any order and case: `email` (required), `name`,
/// `newsletters` (slugs separated by `;` or `,`; without the column a new member gets every
/// active newsletter, as a signup without a choice; an empty cell, none) and `status`
/// (`pending` or `confirmed`, see ``MemberAdministration/importMembers(_:confirmed:)``). Other
/// columns (an export's dates, another service's fields) are ignored and listed.
public struct MemberImport: Sendable, Equatable {
    /// The columns read; every other one is listed in ``ignoredColumns``.
    public static let knownColumns = ["email", "name", "newsletters", "status"]

    /// Rows that can be imported, in file order, one per address.
    public var rows: [MemberImportRow]
    /// Rows that cannot, in file order.
    public var problems: [MemberImportProblem]
    /// Header names of the columns not read, as the file writes them.
    public var ignoredColumns: [String]
    /// Records after the header (blank lines not counted).
    public var rowsRead: Int
    /// Whether the file says which newsletters (else: every active one for each new member).
    public var hasNewsletterColumn: Bool

    public init(_ text: String, newsletters: [Newsletter]) throws(MemberImportFileError) {
        var records = CSVTable(text).makeIterator()
        let first: CSVTable.Record?
        do {
            first = try records.nextRecord()
        } catch {
            throw .unreadable(error)
        }
        guard let header = first else { throw .empty }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let emailColumn = column("email") else { throw .missingEmailColumn(header: header.fields) }
        let nameColumn = column("name")
        let newsletterColumn = column("newsletters")
        let statusColumn = column("status")
        ignoredColumns = zip(header.fields, names).filter { !Self.knownColumns.contains($0.1) }.map(\.0)
        hasNewsletterColumn = newsletterColumn != nil
        rows = []
        problems = []
        rowsRead = 0

        let bySlug = Dictionary(newsletters.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var firstLineOfKey: [String: Int] = [:]
        while true {
            let record: CSVTable.Record
            do {
                guard let next = try records.nextRecord() else { break }
                record = next
            } catch {
                throw .unreadable(error)
            }
            rowsRead += 1
            func cell(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                // An export's guard against formulas (``CSVCell/field(_:)``) is undone.
                return CSVCell.unguarded(record.fields[index].trimmingWhitespace())
            }
            let typed = cell(emailColumn)
            func refuse(_ reason: MemberImportProblem.Reason) {
                problems.append(MemberImportProblem(line: record.line, email: typed, reason: reason))
            }
            let email: String
            do {
                email = try SignupRules.normalizedEmail(typed)
            } catch {
                refuse(.invalidEmail(error))
                continue
            }
            let key = SignupRules.emailKey(email)
            if let firstLine = firstLineOfKey[key] {
                refuse(.duplicate(firstLine: firstLine))
                continue
            }
            let name = cell(nameColumn).collapsingWhitespace()
            guard name.count <= SignupRules.maxNameLength else {
                refuse(.nameTooLong(maxLength: SignupRules.maxNameLength))
                continue
            }
            var status: MemberStatus?
            if statusColumn != nil, !cell(statusColumn).isEmpty {
                guard let named = MemberStatus(rawValue: cell(statusColumn).lowercased()) else {
                    refuse(.unknownStatus(cell(statusColumn)))
                    continue
                }
                status = named
            }
            var slugs: [String]?
            if newsletterColumn != nil {
                let named = cell(newsletterColumn).split(whereSeparator: { $0 == ";" || $0 == "," })
                    .map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
                if let unknown = named.first(where: { bySlug[$0] == nil }) {
                    refuse(.unknownNewsletter(unknown))
                    continue
                }
                if let inactive = named.first(where: { bySlug[$0]?.active == false }) {
                    refuse(.inactiveNewsletter(inactive))
                    continue
                }
                var seen = Set<String>()
                slugs = named.filter { seen.insert($0).inserted }
            }
            // Only a row that is imported claims its address: a later, correct line of the same
            // address is imported instead of a broken first one.
            firstLineOfKey[key] = record.line
            rows.append(
                MemberImportRow(line: record.line, email: email, name: name, newsletterSlugs: slugs, status: status))
        }
    }
}
