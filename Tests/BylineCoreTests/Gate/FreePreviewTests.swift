import BylineCore
import Testing

/// The free preview counts paragraphs of text, lets images ride along, and never gives away
/// the last block of text.
@Suite struct FreePreviewTests {
    @Test func paragraphsOfTextWithTheLastOneHeldBack() {
        let body = "<p><img src=\"/a.jpg\" alt=\"\"></p>\n<p>One.</p>\n<hr />\n<p>Two.</p>\n<p>Three.</p>"
        #expect(FreePreview.html(body, paragraphs: 1) == "<p><img src=\"/a.jpg\" alt=\"\"></p>\n<p>One.</p>")
        #expect(FreePreview.html(body, paragraphs: 2).hasSuffix("<p>Two.</p>"))
        #expect(!FreePreview.html(body, paragraphs: 9).contains("Three"), "the last paragraph is held back")
        #expect(FreePreview.html("<p>Only.</p>", paragraphs: 3).isEmpty)
        #expect(FreePreview.html("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", paragraphs: 3).isEmpty)
    }

    @Test func theEditorsCutWins() {
        let body = "<p>One.</p>\n" + PreviewCut.marker + "\n<p>Two.</p>"
        #expect(FreePreview.html(body, paragraphs: 9) == "<p>One.</p>")
    }

    @Test func plainTextDecodesWhatTheRendererEscapes() {
        let html = "<p>Turkey&#39;s <em>bank</em> &amp; the lira&#x2019;s &quot;week&quot;</p>\n<p>Next.</p>"
        #expect(FreePreview.plainText(html) == "Turkey's bank & the lira\u{2019}s \"week\"\n\nNext.")
        #expect(FreePreview.plainText("<p><img src=\"x\" alt=\"a > b\"></p>\n<p>Text.</p>") == "Text.")
    }
}
