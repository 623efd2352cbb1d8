import BylineTestSupport
import Testing

@testable import BylineCore

@Suite struct ArticleFileParserTests {
    static let seedTitle = "Russia and Ukraine Hold First Direct Peace Talks in Three Years in Turkey"
    static let readAlsoTitle = "UK PM: Putin Must Face Consequences for Dodging Peace in Ukraine"

    @Test func seedParsesAsTheReaderSawIt() throws {
        let article = try ArticleFileParser.parse(Fixtures.seedBytes())
        #expect(article.title == Self.seedTitle)
        #expect(article.authorName == "Abiola")
        #expect(article.statedReadingMinutes == 4)
        #expect(article.date == nil)
        #expect(article.tags == nil)
        #expect(article.body.paragraphs.count == 11)
        #expect(article.body.readAlsoTitles == [Self.readAlsoTitle])
        // The READ ALSO link sits where the reader saw it: after the fourth paragraph.
        #expect(article.body.blocks[4] == .readAlso(title: Self.readAlsoTitle))
        #expect(article.body.paragraphs.first?.hasPrefix("In a rare diplomatic development") == true)
        #expect(article.body.paragraphs.last?.hasSuffix("that in itself is a step forward.") == true)
    }

    @Test func seedCarriesNoPageChrome() throws {
        let text = try ArticleFileParser.parse(Fixtures.seedBytes()).body.storedText.lowercased()
        for chrome in [
            "discover more from", "subscribe to get the latest posts", "share this article", "leave a comment",
            "subscribe now to keep reading", "continue reading",
        ] {
            #expect(!text.contains(chrome), "chrome \"\(chrome)\" leaked into the body")
        }
    }

    @Test func crlfAndCRFilesParseLikeLF() throws {
        let lf = try ArticleFileParser.parse(Fixtures.seedBytes())
        let text = String(decoding: try Fixtures.seedBytes(), as: UTF8.self)
        let crlf = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try ArticleFileParser.parse(Array(crlf.utf8)) == lf)
        let cr = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r")
        #expect(try ArticleFileParser.parse(Array(cr.utf8)) == lf)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Title\n\nAuthor\n\nBody text.\n".utf8)
        #expect(try ArticleFileParser.parse(bytes).title == "Title")
    }

    @Test func headerLinesInAnyOrder() throws {
        let article = try ArticleFileParser.parse(
            text: """
                A Headline

                Jane Doe
                Tags: Europe, Diplomacy, europe
                Date: 2026-05-16
                7 minute read

                First paragraph
                continues on a second line.

                READ ALSO: Another Story

                Second paragraph.
                """)
        #expect(article.tags == ["Europe", "Diplomacy"])
        #expect(article.date == CalendarDay(year: 2026, month: 5, day: 16))
        #expect(article.statedReadingMinutes == 7)
        #expect(article.body.paragraphs == ["First paragraph continues on a second line.", "Second paragraph."])
        #expect(article.body.readAlsoTitles == ["Another Story"])
    }

    @Test func readAlsoInsideAParagraphStandsAlone() throws {
        let article = try ArticleFileParser.parse(
            text: "T\nA\n\nOne line.\nread also:   Other   Title\nNext line.\n")
        #expect(
            article.body.blocks == [
                .paragraph("One line."), .readAlso(title: "Other Title"), .paragraph("Next line."),
            ])
    }

    @Test(arguments: [
        ([UInt8](), ArticleFileError.empty),
        (Array("Title\0\nAuthor\n\nBody".utf8), .binary),
        ([0x54, 0x69, 0x0A, 0x0A, 0x41, 0x0A, 0x0A, 0xFF, 0xFE, 0x62], .notUTF8),
        (Array("   \n\n\t\n".utf8), .noTitle),
        (Array("Date: 2026-01-01\nAuthor\n\nBody.".utf8), .noTitle),
        (Array("4 Min Read\nAuthor\n\nBody.".utf8), .noTitle),
        (Array("Only a title\n".utf8), .noAuthor),
        (Array("Title\nAuthor\n4 Min Read\n".utf8), .noBody),
        (Array("Title\nAuthor\nDate: 2026-02-30\n\nBody.".utf8), .badDate("2026-02-30")),
        (Array("Title\nAuthor\n0 Min Read\n\nBody.".utf8), .badReadingTime("0 Min Read")),
        (Array((String(repeating: "x", count: 301) + "\nAuthor\n\nBody.").utf8), .titleTooLong(301)),
    ])
    func badFilesAreRefusedWithAReason(bytes: [UInt8], expected: ArticleFileError) {
        #expect(throws: expected) { try ArticleFileParser.parse(bytes) }
        #expect(!expected.description.isEmpty)
        #expect(!expected.description.contains("\n"))
    }

    @Test func chromeOnlyWhenTheWholeLineIsChrome() {
        #expect(PageChrome.isChrome("Discover more from Scoop Hub"))
        #expect(PageChrome.isChrome("Subscribe to get the latest posts sent to your email."))
        #expect(PageChrome.isChrome("SHARE THIS ARTICLE"))
        #expect(PageChrome.isChrome("Continue reading →"))
        #expect(!PageChrome.isChrome("Readers who continue reading will learn more."))
        #expect(!PageChrome.isChrome("Subscribe to the plan, officials said, or pay more."))
        #expect(!PageChrome.isChrome("Share prices fell."))
        #expect(PageChrome.isChrome("Type your email…"))
        #expect(PageChrome.isChrome("Subscribe"))
        #expect(PageChrome.isChrome("Leave a comment"))
        #expect(PageChrome.isChrome("Subscribe now to keep reading and get access to the full archive."))
        // Lines that merely start like chrome are article text.
        #expect(!PageChrome.isChrome("Subscribe to the plan"))
        #expect(!PageChrome.isChrome("Share on the market fell"))
        #expect(!PageChrome.isChrome("Follow us on the road to Kyiv"))
    }

    @Test func droppedChromeIsReportedAndOtherShortLinesKept() throws {
        let article = try ArticleFileParser.parse(
            text: "Title\nAuthor\n\nSubscribe to the plan\n\nShare This Article\n\nBody.\nType your email…\n")
        #expect(article.body.paragraphs == ["Subscribe to the plan", "Body."])
        #expect(article.droppedChrome == ["Share This Article", "Type your email…"])
    }

    @Test func controlCharactersAreRemoved() throws {
        let article = try ArticleFileParser.parse(
            text: "Ti\u{1B}tle\r\nAuthor\r\n\r\nA\u{1B}[1mbold\u{7}.\u{0B}Next\r\n")
        #expect(article.title == "Title")
        #expect(article.body.paragraphs == ["A[1mbold. Next"])
    }

    @Test func tagsAreAbsentWithoutATagsLine() throws {
        #expect(try ArticleFileParser.parse(text: "T\nA\n\nBody.").tags == nil)
        #expect(try ArticleFileParser.parse(text: "T\nA\nTags:\n\nBody.").tags == [])
    }
}
