import BylineCore
import Testing

@testable import BylineMarkdown

/// The editor's cut: a `<!--more-->` line becomes ``PreviewCut/marker`` between top-level
/// blocks, once, never from code, and never as body text.
@Suite struct PreviewCutDirectiveTests {
    @Test func theCutLineBecomesATopLevelMarker() {
        let rendered = MarkdownRenderer.render("First paragraph.\n<!--more-->\nSecond paragraph.\n")
        #expect(rendered.html == "<p>First paragraph.</p>\n\(PreviewCut.marker)\n<p>Second paragraph.</p>\n")
        #expect(rendered.plainText == "First paragraph.\n\nSecond paragraph.")
        #expect(rendered.wordCount == 4)
    }

    @Test(arguments: ["<!--more-->", "<!-- more -->", "  <!--MORE-->  ", "<!--  More\t-->", "<!--more-->\t"])
    func spellingsOfTheCut(_ line: String) {
        let html = MarkdownRenderer.render("Before.\n\n\(line)\n\nAfter.").html
        #expect(html == "<p>Before.</p>\n\(PreviewCut.marker)\n<p>After.</p>\n", "\(line)")
    }

    @Test(arguments: ["<!--more--> text", "<!--moreover-->", "<!-- more than this -->", "text <!--more-->", "<!--->"])
    func otherCommentsStayText(_ line: String) {
        let rendered = MarkdownRenderer.render("Before.\n\n\(line)\n\nAfter.")
        #expect(!rendered.html.contains(PreviewCut.marker), "\(line)")
        #expect(!rendered.html.contains("Placeholder"), "\(line)")
        // Raw HTML is still shown as text (safe mode).
        #expect(!rendered.html.contains("<!--"), "\(line)")
    }

    @Test func onlyTheFirstCutCounts() {
        let rendered = MarkdownRenderer.render(
            "One.\n\n<!--more-->\n\nTwo.\n<!-- more -->\nThree.\n\n<!--MORE-->")
        #expect(rendered.html == "<p>One.</p>\n\(PreviewCut.marker)\n<p>Two.</p>\n<p>Three.</p>\n")
        #expect(rendered.plainText == "One.\n\nTwo.\n\nThree.")
    }

    @Test func aCutInCodeOrRawHTMLIsText() {
        let rendered = MarkdownRenderer.render(
            """
            ```
            <!--more-->
            ```

                <!--more-->

            <script>

            <!--more-->
            </script>

            > <!--more-->
            """)
        #expect(!rendered.html.contains(PreviewCut.marker))
        #expect(!rendered.html.contains("Placeholder"))
        #expect(rendered.html.contains("<pre><code>&lt;!--more--&gt;\n</code></pre>"))
        #expect(rendered.html.contains("<blockquote>\n<p>&lt;!--more--&gt;</p>\n</blockquote>"))
        #expect(!rendered.html.contains("<script"))
    }

    @Test func theCutAfterCodeStillCounts() {
        let rendered = MarkdownRenderer.render("```\n<!--more-->\n```\n\nOne.\n\n<!--more-->\n\nTwo.")
        #expect(rendered.html.contains("<pre><code>&lt;!--more--&gt;\n</code></pre>"))
        #expect(rendered.html.hasSuffix("<p>One.</p>\n\(PreviewCut.marker)\n<p>Two.</p>\n"))
    }

    /// The cut closes a list or a quote it follows: the marker is never inside a block.
    @Test func theMarkerIsNeverInsideABlock() {
        let html = MarkdownRenderer.render("- one\n- two\n<!--more-->\n- three\n\n> quoted\n").html
        #expect(
            html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\(PreviewCut.marker)\n<ul>\n<li>three</li>\n</ul>\n"
                + "<blockquote>\n<p>quoted</p>\n</blockquote>\n")
    }

    @Test func worksWithReadAlsoAndCRLF() {
        let rendered = MarkdownRenderer.render("One.\r\n::read-also[Other Story]\r\n<!--more-->\r\nTwo.\r\n")
        #expect(rendered.readAlsoTitles == ["Other Story"])
        #expect(
            rendered.html
                == "<p>One.</p>\n\(BodyHTML.readAlsoMarker)\n\(PreviewCut.marker)\n<p>Two.</p>\n")
        #expect(rendered.plainText == "One.\n\nTwo.")
    }

    /// A writer's text that happens to hold the placeholder word keeps it.
    @Test func thePlaceholderWordInTheSourceIsKept() {
        let rendered = MarkdownRenderer.render("BylinePreviewCutPlaceholder\n\n<!--more-->\n\nAfter.")
        #expect(
            rendered.html == "<p>BylinePreviewCutPlaceholder</p>\n\(PreviewCut.marker)\n<p>After.</p>\n")
    }

    @Test func thePreviewEndsAtTheCut() {
        let rendered = MarkdownRenderer.render(
            """
            The talks opened in Geneva.

            Delegates met for six hours.

            <!--more-->

            The canary sentence past the cut.

            A fourth paragraph.
            """)
        let preview = PreviewCut.preview(rendered.html, blocks: 99)
        #expect(preview.html == "<p>The talks opened in Geneva.</p>\n<p>Delegates met for six hours.</p>")
        #expect(preview.isCut)
        #expect(!rendered.plainText.contains("more"))
        #expect(rendered.plainText.contains("The canary sentence past the cut."))
    }
}
