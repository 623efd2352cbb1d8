import BylineTestSupport
import Testing

@testable import BylineCore

@Suite struct TextRulesTests {
    @Test func readingTimeIs230WordsAMinutePlus12SecondsAnImage() {
        #expect(ReadingTime.minutes(words: 0, images: 0) == 1)
        #expect(ReadingTime.minutes(words: 230, images: 0) == 1)
        #expect(ReadingTime.minutes(words: 231, images: 0) == 2)
        #expect(ReadingTime.minutes(words: 920, images: 0) == 4)
        #expect(ReadingTime.minutes(words: 921, images: 0) == 5)
        // 5 images = 60 s: 230 words + 5 images is exactly 2 minutes.
        #expect(ReadingTime.minutes(words: 230, images: 5) == 2)
        #expect(ReadingTime.minutes(words: 230, images: 6) == 3)
        #expect(ReadingTime.label(minutes: 4) == "4 min read")
    }

    @Test func statedReadingTimeOverridesTheComputedOne() throws {
        let article = try ArticleFileParser.parse(Fixtures.seedBytes())
        let words = article.body.wordCount
        // 483 words by a plain word count of the 11 paragraphs: computed, that is 3 minutes.
        #expect(words > 460 && words < 500, "seed has \(words) words")
        #expect(ReadingTime.minutes(words: words, images: 0) == 3)
        #expect(article.statedReadingMinutes == 4)
    }

    @Test func wordsCountAsReadersSeeThem() {
        #expect(WordCount.count(in: "Don't split face-to-face talks — ever.") == 5)
        #expect(WordCount.count(in: "  ") == 0)
        #expect(WordCount.count(in: "30-day ceasefire, 2022") == 3)
    }

    @Test func excerptsCutAtWordsWithAnEllipsis() {
        let text = "One two three four five six\n\nSecond"
        #expect(Excerpt.make(fromPlainText: text, maxLength: 100) == "One two three four five six")
        #expect(Excerpt.make(fromPlainText: text, maxLength: 12) == "One two…")
        #expect(Excerpt.make(fromPlainText: "") == "")
    }

    @Test func storedBodiesSplitOnBlankLines() {
        let body = TextBody(storedText: "A one\nstill A\n\n\nB\n \t\nREAD ALSO: C\n\n\n")
        #expect(body.blocks == [.paragraph("A one\nstill A"), .paragraph("B"), .readAlso(title: "C")])
        #expect(TextBody(storedText: "").blocks.isEmpty)
        #expect(TextBody(storedText: "Only").blocks == [.paragraph("Only")])
        #expect(HTMLEscape.escape("Kyiv’s “talks” <b>&</b>") == "Kyiv’s “talks” &lt;b&gt;&amp;&lt;/b&gt;")
    }

    @Test func bodyTextRoundTrips() throws {
        let body = try ArticleFileParser.parse(Fixtures.seedBytes()).body
        #expect(TextBody(storedText: body.storedText) == body)
    }

    @Test func plainTextBecomesMarkdownThatShowsAsWritten() {
        let body = TextBody(blocks: [
            .paragraph("*stars* _x_ <b>bold</b> # [link](x) `code`"), .paragraph("1. not a list\n- nor this"),
            .readAlso(title: "A [bracketed] title\\"),
        ])
        #expect(
            body.markdown
                == "\\*stars\\* \\_x\\_ \\<b\\>bold\\</b\\> \\# \\[link\\](x) \\`code\\`\n\n"
                + "1\\. not a list\n\\- nor this\n\n::read-also[A \\[bracketed\\] title\\\\]")
        #expect(ReadAlsoDirective.title(in: "::read-also[A \\[bracketed\\] title\\\\]") == "A [bracketed] title\\")
        #expect(ReadAlsoDirective.title(in: "::Read-Also[ Spaced   title ]  ") == "Spaced title")
        #expect(ReadAlsoDirective.title(in: "::read-also[]") == nil)
        #expect(ReadAlsoDirective.title(in: "::read-also[Unclosed") == nil)
        #expect(ReadAlsoDirective.title(in: "::read-also[T] trailing") == nil)
        #expect(ReadAlsoDirective.title(in: " ::read-also[Indented]") == nil)
        #expect(ReadAlsoDirective.title(in: "Read also: Plain") == nil)
    }

    @Test func controlCharactersAreRemoved() {
        #expect(ControlCharacters.removing(from: "a\u{1B}[31mred\u{7}\u{7F}\u{9B}b\tc\nd\u{FFFF}") == "a[31mredb\tc\nd")
        #expect(ControlCharacters.removing(from: "Kyiv’s\r\n“talks”") == "Kyiv’s\r\n“talks”")
    }

    @Test func bodyHTMLResolvesReadAlsoMarkersAndDropsUnresolvedLinks() {
        let marker = BodyHTML.readAlsoMarker
        let body = PostBody(
            markdown: "", html: "<p>One</p>\n\(marker)\n<p>Two</p>\n\(marker)\n",
            readAlsoTitles: ["Known <b>", "Unknown"])
        let html = BodyHTML.render(body) { $0 == "Known <b>" ? "/known/" : nil }
        #expect(
            html
                == "<p>One</p>\n<p class=\"read-also\"><span class=\"read-also-label\">Read also</span> "
                + "<a href=\"/known/\">Known &lt;b&gt;</a></p>\n<p>Two</p>\n")
    }

    @Test func titleKeysIgnoreCaseSpacingAndTypography() {
        #expect(TitleKey.make("Europe’s  Deadliest – War") == TitleKey.make("europe's deadliest - war"))
        #expect(TitleKey.make("A") != TitleKey.make("B"))
    }

    @Test func calendarDaysAreValidated() {
        #expect(CalendarDay(iso: "2024-02-29") != nil)
        #expect(CalendarDay(iso: "2025-02-29") == nil)
        #expect(CalendarDay(iso: "2025-13-01") == nil)
        #expect(CalendarDay(iso: "25-01-01") == nil)
        #expect(CalendarDay(iso: "2025-1-01") == nil)
    }

    @Test func contentHashIsStableAndSensitive() {
        #expect(ContentHash.hex(Array("abc".utf8)) == ContentHash.hex(Array("abc".utf8)))
        #expect(ContentHash.hex(Array("abc".utf8)) != ContentHash.hex(Array("abd".utf8)))
        #expect(ContentHash.hex([UInt8]()).count == 16)
    }

    /// The scalar-based fast version folds exactly what `Character.isWhitespace` folds.
    @Test func collapsingWhitespaceMatchesCharacterWhitespace() {
        let samples = [
            "  Peace  talks\tresume \r\n in\u{00A0}Istanbul\u{2003}today  ", "", "   ", "one",
            "Київ —\u{3000}talks", "a\u{2028}b\u{0085}c", "word’s  end.\n\n",
        ]
        for sample in samples {
            let reference = sample.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(sample.collapsingWhitespace() == reference, "\(sample.debugDescription)")
        }
        #expect(
            WordCount.count(in: "Don't stop — face-to-face, 42 times")
                == WordCount.count(in: "Don’t stop — face-to-face, 42 times"))
        #expect(WordCount.count(in: "Plain ASCII words, don't split face-to-face 42") == 7)
    }

    /// The byte-level line split matches splitting on `Character.isNewline`.
    @Test func linesSplitAtEveryNewlineCharacterKnows() {
        let samples = [
            "a\nb\r\nc\rd", "\n\n", "", "end\n", "x\u{0B}y\u{0C}z", "one\u{0085}two\u{2028}three\u{2029}four",
            "Київ\r\n\r\nтекст\r", "\r\n\r",
        ]
        for sample in samples {
            let reference = sample.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            #expect(ArticleFileParser.splitLines(sample) == reference, "\(sample.debugDescription)")
        }
    }
}
