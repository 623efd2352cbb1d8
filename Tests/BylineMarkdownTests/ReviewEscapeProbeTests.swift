import BylineCore
import Testing

@testable import BylineMarkdown

/// Review: plain text (an imported article, a body from before Markdown) that holds web
/// addresses must show them as written, not as links whose text and address carry the
/// backslashes of the escaping.
@Suite struct ReviewEscapeProbeTests {
    @Test(arguments: [
        "See https://example.com/a_b?x=1&y=2 for more.",
        "Visit www.example.com/some_page now.",
        "Read HTTP://EXAMPLE.COM/x_y or WWW.Example.com/a_b.",
        "Mail desk_news@example.com today.",
        "Ratio 3:2, time 10:30, www and w.w.w.",
    ])
    func webAddressesInPlainTextShowAsWritten(_ text: String) {
        let rendered = MarkdownRenderer.render(MarkdownEscape.text(text))
        #expect(rendered.plainText == text)
        #expect(!rendered.html.contains("\\"))
        #expect(!rendered.html.contains("%5C"))
    }
}
