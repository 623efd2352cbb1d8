import BylineCore
import Testing

/// Reading CSV as spreadsheets write it, and writing it so they open it safely.
@Suite struct CSVTableTests {
    func records(_ text: String) throws -> [CSVTable.Record] {
        try CSVTable(text).records()
    }

    @Test func plainRecordsWithLineNumbers() throws {
        let read = try records("email,name\na@example.com,Ann\nb@example.com,\n")
        #expect(read.map(\.fields) == [["email", "name"], ["a@example.com", "Ann"], ["b@example.com", ""]])
        #expect(read.map(\.line) == [1, 2, 3])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let read = try records(
            "email,name\r\n\"a@example.com\",\"Smith, \"\"Ann\"\"\"\r\nb@example.com,\"two\r\nlines\"\r\nc@example.com,last"
        )
        #expect(read[1].fields == ["a@example.com", "Smith, \"Ann\""])
        #expect(read[2].fields == ["b@example.com", "two\r\nlines"])
        // The record after a field with a line break starts one line further down.
        #expect(read.map(\.line) == [1, 2, 3, 5])
        #expect(read[3].fields == ["c@example.com", "last"])
    }

    @Test func byteOrderMarkCRLFAndBlankLines() throws {
        let read = try records("\u{FEFF}email\r\n\r\na@example.com\r\n\n\rb@example.com")
        #expect(read.map(\.fields) == [["email"], ["a@example.com"], ["b@example.com"]])
        #expect(read.map(\.line) == [1, 3, 6])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let read = try records("a,,c,\n\"\",x")
        #expect(read.map(\.fields) == [["a", "", "c", ""], ["", "x"]])
    }

    @Test func strayQuotesAreKeptAsWritten() throws {
        let read = try records("ab\"c,\"quoted\"tail,d")
        #expect(read.map(\.fields) == [["ab\"c", "quotedtail", "d"]])
    }

    @Test func aQuoteThatNeverClosesNamesItsLine() {
        #expect(throws: CSVTableError.unterminatedQuote(line: 2)) {
            try CSVTable("email\n\"a@example.com,\nb@example.com\n").records()
        }
        var iterator = CSVTable("email\n\"open").makeIterator()
        #expect(iterator.next()?.fields == ["email"])
        #expect(iterator.next() == nil)
        #expect(iterator.error == .unterminatedQuote(line: 2))
    }

    @Test func nonASCIITextSurvives() throws {
        let read = try records("name\n\"Zoë Müller, 東京\"\n")
        #expect(read[1].fields == ["Zoë Müller, 東京"])
    }

    @Test func writingQuotesOnlyWhatNeedsIt() {
        #expect(CSVCell.field("plain") == "plain")
        #expect(CSVCell.field("a,b") == "\"a,b\"")
        #expect(CSVCell.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVCell.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVCell.record(["a", "b c", ""]) == "a,b c,\r\n")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "=HYPERLINK(\"http://x\",\"y\")"])
    func formulasAreWrittenAsText(_ text: String) throws {
        let written = CSVCell.field(text)
        let field = try #require(try CSVTable(written).records().first?.fields.first)
        #expect(field.hasPrefix("'"))
        #expect(CSVCell.unguarded(field) == text)
    }

    @Test func unguardingLeavesOtherApostrophesAlone() {
        #expect(CSVCell.unguarded("'quoted'") == "'quoted'")
        #expect(CSVCell.unguarded("'") == "'")
        #expect(CSVCell.unguarded("o'brien@example.com") == "o'brien@example.com")
    }

    @Test func writtenTextReadsBack() throws {
        let rows = [["email", "name"], ["a@example.com", "Smith, \"Ann\"\nJr."], ["b@example.com", ""]]
        let text = rows.map(CSVCell.record).joined()
        #expect(try CSVTable(text).records().map(\.fields) == rows)
    }
}
