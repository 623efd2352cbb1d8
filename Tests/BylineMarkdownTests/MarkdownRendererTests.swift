import BylineCore
import Testing

@testable import BylineMarkdown

@Suite struct MarkdownRendererTests {
    @Test func rendersGitHubExtensions() {
        let html = MarkdownRenderer.render(
            """
            | City | Rain |
            | --- | --- |
            | Oslo | 12 mm |

            ~~withdrawn~~ claim, see https://example.org/report and www.example.com
            """
        ).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>City</th>"))
        #expect(html.contains("<td>12 mm</td>"))
        #expect(html.contains("<del>withdrawn</del>"))
        #expect(html.contains("<a href=\"https://example.org/report\">https://example.org/report</a>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
    }

    @Test func rendersNestedListsAndCodeBlocks() {
        let html = MarkdownRenderer.render(
            """
            - Talks
              1. Istanbul
              2. Geneva
            - Sanctions

            ```swift
            let x = "<b>" * 2
            ```
            """
        ).html
        #expect(html.contains("<ul>\n<li>Talks\n<ol>\n<li>Istanbul</li>\n<li>Geneva</li>\n</ol>\n</li>"))
        #expect(html.contains("<pre><code class=\"language-swift\">let x = &quot;&lt;b&gt;&quot; * 2\n</code></pre>"))
    }

    /// A contributor's body must never carry executable markup onto the site.
    @Test(arguments: [
        "<script>alert(1)</script>",
        "Text <script>alert(1)</script> inline",
        "<img src=x onerror=alert(1)>",
        "Inline <img src=x onerror=alert(1)> image",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "Click <a href=\"javascript:alert(1)\" onclick=\"alert(2)\">here</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div onmouseover=\"alert(1)\">\nhover\n</div>",
    ])
    func injectedMarkupIsNeverExecutable(_ source: String) {
        let html = MarkdownRenderer.render(source).html.lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=\"x\""))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(!html.contains("href=\"vbscript:"))
        #expect(!html.contains("href=\"data:"))
        #expect(!html.contains("src=\"javascript:"))
        #expect(!html.contains("<a href=\"javascript"))
        // Attributes only ever appear inside tags the renderer wrote: no raw `<tag on...=`.
        #expect(html.range(of: #"<[a-z]+[^>]*\son[a-z]+="#, options: .regularExpression) == nil)
    }

    @Test func rawHTMLIsShownAsWritten() {
        let rendered = MarkdownRenderer.render("Say <b>hi</b>.\n\n<div>block</div>")
        #expect(rendered.html.contains("<p>Say &lt;b&gt;hi&lt;/b&gt;.</p>"))
        #expect(rendered.html.contains("<p>&lt;div&gt;block&lt;/div&gt;</p>"))
        #expect(!rendered.html.contains("raw HTML omitted"))
    }

    @Test func readAlsoDirectiveBecomesAMarker() {
        let rendered = MarkdownRenderer.render(
            """
            First paragraph.
            ::read-also[Peace Talks \\] Resume]

            Read also: this stays a sentence.

            ::READ-ALSO[Second Story]
            """)
        #expect(rendered.readAlsoTitles == ["Peace Talks ] Resume", "Second Story"])
        #expect(
            rendered.html
                == "<p>First paragraph.</p>\n\(BodyHTML.readAlsoMarker)\n<p>Read also: this stays a sentence.</p>\n"
                + "\(BodyHTML.readAlsoMarker)\n")
        #expect(rendered.plainText == "First paragraph.\n\nRead also: this stays a sentence.")
    }

    @Test func directivesWorkWithCRLFLines() {
        let rendered = MarkdownRenderer.render("Text.\r\n::read-also[Other]\r\n\r\n```\r\n::read-also[Code]\r\n```\r\n")
        #expect(rendered.readAlsoTitles == ["Other"])
        #expect(rendered.html.contains("<pre><code>::read-also[Code]\n</code></pre>"))
    }

    @Test func directiveInsideCodeStaysCode() {
        let rendered = MarkdownRenderer.render(
            """
            ```
            ::read-also[Not a link]
            ```

                ::read-also[Indented code]

            > ::read-also[Quoted]
            """)
        #expect(rendered.readAlsoTitles.isEmpty)
        #expect(rendered.html.contains("<pre><code>::read-also[Not a link]\n</code></pre>"))
        #expect(rendered.html.contains("<pre><code>::read-also[Indented code]\n</code></pre>"))
        #expect(!rendered.html.contains(BodyHTML.readAlsoMarker))
    }

    @Test func markerCannotBeForgedBySource() {
        let rendered = MarkdownRenderer.render("\(BodyHTML.readAlsoMarker)\n\nText `\(BodyHTML.readAlsoMarker)`")
        #expect(!rendered.html.contains(BodyHTML.readAlsoMarker))
        #expect(
            BodyHTML.render(rendered.body(markdown: ""), linkFor: { _ in "/x/" }) == rendered.html)
    }

    @Test func readingTimeCountsImages() {
        let words = Array(repeating: "word", count: 230).joined(separator: " ")
        let text = MarkdownRenderer.render(words)
        #expect(text.wordCount == 230)
        #expect(text.readingMinutes == 1)
        // 5 images are 60 s more: exactly 2 minutes; a sixth makes 3.
        let images = Array(repeating: "![A long description of a photo](/photo.jpg)", count: 5).joined(
            separator: "\n\n")
        let withFive = MarkdownRenderer.render(words + "\n\n" + images)
        #expect(withFive.imageCount == 5)
        #expect(withFive.wordCount == 230)
        #expect(withFive.readingMinutes == 2)
        #expect(MarkdownRenderer.render(words + "\n\n" + images + "\n\n![x](/y.png)").readingMinutes == 3)
    }

    @Test func plainTextIsTheTextWithoutMarkup() {
        let rendered = MarkdownRenderer.render("# Heading\n\nSome *stressed* and `code` [link](/x/).\n\n- item")
        #expect(rendered.plainText == "Heading\n\nSome stressed and code link.\n\nitem")
        #expect(Excerpt.make(fromPlainText: "One two three\n\nFour") == "One two three")
    }

    @Test func escapedPlainTextShowsAsWritten() {
        let plain = "*stars* and _under_ <b>bold</b> # not [a](link) `tick` | pipe ~x~ &amp; \\ end"
        for source in [plain, "1. not a list", "- not a list", "> not a quote", "# not a heading", "---", "+ x"] {
            let rendered = MarkdownRenderer.render(MarkdownEscape.text(source))
            #expect(rendered.plainText == source, "\(source)")
            #expect(rendered.html == "<p>" + HTMLEscape.escape(source) + "</p>\n", "\(source)")
        }
        let body = TextBody(blocks: [.paragraph("A [b] c"), .readAlso(title: "Title [with] brackets")])
        #expect(MarkdownRenderer.render(body.markdown).readAlsoTitles == ["Title [with] brackets"])
    }
}

/// Renders from many tasks at once keep every extension: cmark-gfm shares one table of special
/// characters between parsers (found when the whole suite rendered in parallel).
@Suite struct ConcurrentMarkdownTests {
    @Test func concurrentRendersKeepTheirExtensions() async {
        let source = "~~gone~~ see https://example.org/x\n\n| a |\n| - |\n| b |\n"
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 { group.addTask { MarkdownRenderer.render(source).html } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.count == 200)
        #expect(
            results.allSatisfy { $0.contains("<del>gone</del>") && $0.contains("<a href=\"https://example.org/x\">") })
    }
}
