import BylineCore
import BylineStore
import Foundation
import Testing

/// Reading a member CSV before anything is written: what is imported, and each refused row
/// with its line and reason.
@Suite struct MemberImportFileTests {
    static let newsletters = [
        Newsletter(id: 1, slug: "daily", name: "Daily", description: "", sortOrder: 1, active: true, createdAt: Date()),
        Newsletter(
            id: 2, slug: "weekly", name: "Weekly", description: "", sortOrder: 2, active: true, createdAt: Date()),
        Newsletter(id: 3, slug: "old", name: "Old", description: "", sortOrder: 3, active: false, createdAt: Date()),
    ]

    func read(_ text: String) throws -> MemberImport {
        try MemberImport(text, newsletters: Self.newsletters)
    }

    @Test func rowsAndTheirProblemsByLine() throws {
        let long = String(repeating: "x", count: SignupRules.maxNameLength + 1)
        let file = try read(
            """
            Name,E-mail ID,EMAIL,Newsletters,Status,Notes
            Ann,1,ann@Example.com,"daily; WEEKLY",,vip
            Bob,2,not-an-address,,,
            Ann again,3,ANN@example.com,,,
            Cy,4,cy@example.com,daily;nope,,
            Di,5,di@example.com,old,,
            \(long),6,long@example.com,,,
            Ed,7,ed@example.com,,maybe,
            "Fay
            Smith",8,fay@example.com,weekly,pending,
            ,9,,,,
            """)
        #expect(file.rowsRead == 9)
        #expect(file.hasNewsletterColumn)
        #expect(file.ignoredColumns == ["E-mail ID", "Notes"])
        #expect(file.rows.map(\.email) == ["ann@example.com", "fay@example.com"])
        #expect(file.rows.map(\.newsletterSlugs) == [["daily", "weekly"], ["weekly"]])
        #expect(file.rows.map(\.status) == [nil, .pending])
        #expect(file.rows.last?.name == "Fay Smith")
        #expect(file.rows.map(\.line) == [2, 9])
        #expect(file.problems.map(\.line) == [3, 4, 5, 6, 7, 8, 11])
        #expect(
            file.problems.map(\.reason) == [
                .invalidEmail(.missingAt), .duplicate(firstLine: 2), .unknownNewsletter("nope"),
                .inactiveNewsletter("old"), .nameTooLong(maxLength: SignupRules.maxNameLength), .unknownStatus("maybe"),
                .invalidEmail(.empty),
            ])
        #expect(file.problems[0].description.hasPrefix("line 3: not-an-address: An email address needs an @"))
    }

    @Test func withoutANewslettersColumnEveryActiveOne() throws {
        let file = try read("\u{FEFF}email\r\nA@B.example\r\n")
        #expect(!file.hasNewsletterColumn)
        #expect(file.rows == [MemberImportRow(line: 2, email: "A@b.example")])
    }

    @Test func aFileThatCannotBeImported() {
        #expect(throws: MemberImportFileError.empty) { try read("") }
        #expect(throws: MemberImportFileError.empty) { try read("\n\n") }
        #expect(throws: MemberImportFileError.missingEmailColumn(header: ["name", "mail"])) {
            try read("name,mail\nAnn,ann@example.com\n")
        }
        #expect(throws: MemberImportFileError.unreadable(.unterminatedQuote(line: 3))) {
            try read("email,name\na@example.com,Ann\nb@example.com,\"Bob\n")
        }
    }
}
