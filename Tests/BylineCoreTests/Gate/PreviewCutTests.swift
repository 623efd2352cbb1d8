import BylineCore
import Testing

/// The preview of a gated post: whole top-level blocks only, never a byte past the cut, and
/// less rather than more when the HTML cannot be read.
@Suite struct PreviewCutTests {
    static let body = """
        <p>First <em>paragraph</em> with <a href="/x/" title="a > b">a link</a>.</p>
        <h2>A heading</h2>
        <ul>
        <li>one<ul><li>nested</li></ul></li>
        <li>two</li>
        </ul>
        <hr />
        <blockquote>
        <p>Quoted CANARY-4 text.</p>
        </blockquote>
        <p>Last CANARY-5.</p>
        """

    @Test func theFirstBlocksAndNothingAfter() {
        let two = PreviewCut.preview(Self.body, blocks: 2)
        #expect(two.isCut)
        #expect(
            two.html
                == "<p>First <em>paragraph</em> with <a href=\"/x/\" title=\"a > b\">a link</a>.</p>\n<h2>A heading</h2>"
        )
        let four = PreviewCut.preview(Self.body, blocks: 4)
        #expect(four.html.hasSuffix("<hr />"))
        #expect(four.html.contains("<li>nested</li>"))
        #expect(!four.html.contains("CANARY"))
        let all = PreviewCut.preview(Self.body, blocks: 10)
        #expect(!all.isCut)
        #expect(all.html.contains("CANARY-5"))
        #expect(PreviewCut.preview(Self.body, blocks: 0) == .init(html: "", isCut: true))
    }

    @Test func theEditorsMarkerWins() {
        let marked = "<p>Free.</p>\n<p>Also free.</p>\n<p>\(PreviewCut.marker)</p>\n<p>Paid CANARY.</p>"
        let preview = PreviewCut.preview(marked, blocks: 10)
        #expect(preview == .init(html: "<p>Free.</p>\n<p>Also free.</p>", isCut: true))
    }

    @Test func unreadableHTMLGivesLessNotMore() {
        for broken in ["<p>open CANARY", "</p><p>CANARY</p>", "<p>fine</p><div>CANARY", "<p a=\"unclosed>CANARY</p>"] {
            let preview = PreviewCut.preview(broken, blocks: 5)
            #expect(!preview.html.contains("CANARY"), "\(broken)")
            #expect(preview.isCut)
        }
    }
}
