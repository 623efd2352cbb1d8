import BylineCore
import Testing

/// Comment text: cleaned of invisible tricks, held to the limits, rendered with nothing from the
/// reader as markup.
@Suite struct CommentTextTests {
    @Test func paragraphsAndLineBreaks() {
        #expect(CommentText.html("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>")
        #expect(CommentText.html("  a\r\n\r\n\r\n\r\nb  ") == "<p>a</p>\n<p>b</p>")
    }

    @Test func everythingHTMLMeansIsEscaped() {
        #expect(
            CommentText.html("<script>alert('x')</script> & \"q\"")
                == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>")
        #expect(CommentText.html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>")
    }

    @Test func httpAddressesBecomeLinks() {
        #expect(
            CommentText.html("See https://example.com/a?b=1&c=2.")
                == "<p>See <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
                + "https://example.com/a?b=1&amp;c=2</a>.</p>")
        #expect(
            CommentText.html("(HTTP://Example.com/x)")
                == "<p>(<a href=\"HTTP://Example.com/x\" rel=\"nofollow ugc noopener\">HTTP://Example.com/x</a>)</p>")
        #expect(
            CommentText.html("https://en.wikipedia.org/wiki/Swift_(language)!")
                .contains("href=\"https://en.wikipedia.org/wiki/Swift_(language)\""))
    }

    @Test func onlyHTTPAndHTTPSAreLinked() {
        for text in [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "ftp://example.com",
            "xhttps://example.com", "https://", "vbscript:msgbox", "&#106;avascript:alert(1)",
        ] {
            #expect(!CommentText.html(text).contains("<a"), "\(text)")
        }
    }

    @Test func anAddressEndsWhereAQuoteCouldBreakOut() {
        let html = CommentText.html("https://example.com/\"onmouseover=\"alert(1)")
        #expect(html.contains("href=\"https://example.com/\""))
        #expect(!html.contains("\"onmouseover"))
        let single = CommentText.html("https://example.com/'><script>")
        #expect(single.contains("href=\"https://example.com/\""))
        #expect(single.contains("&#39;&gt;&lt;script&gt;"))
    }

    @Test func invisibleCharactersAreRemoved() {
        // Zero-width characters inside a word and bidirectional overrides are gone.
        #expect(CommentText.cleaned("java\u{200B}script\u{200D}:x") == "javascript:x")
        #expect(CommentText.cleaned("abc\u{202E}txt.exe") == "abctxt.exe")
        #expect(CommentText.cleaned("a\u{2066}b\u{2069}c\u{FEFF}d\u{0007}e") == "abcde")
        #expect(CommentText.cleaned("\u{200B}\u{202E} \n ").isEmpty)
    }

    @Test func limits() throws {
        #expect(throws: CommentTextError.empty) { try CommentText.validated(" \n\u{200B} ", maxLinks: 3) }
        let long = String(repeating: "a", count: CommentText.maxLength + 1)
        #expect(throws: CommentTextError.tooLong(limit: CommentText.maxLength)) {
            try CommentText.validated(long, maxLinks: 3)
        }
        #expect(try CommentText.validated(String(long.dropFirst()), maxLinks: 3).count == CommentText.maxLength)
        let links = "https://a.example https://b.example https://c.example https://d.example"
        #expect(CommentText.linkCount(links) == 4)
        #expect(throws: CommentTextError.tooManyLinks(limit: 3)) { try CommentText.validated(links, maxLinks: 3) }
        #expect(try CommentText.validated(links, maxLinks: 4) == links)
        #expect(throws: CommentTextError.tooManyLinks(limit: 0)) {
            try CommentText.validated("https://a.example", maxLinks: 0)
        }
    }
}
