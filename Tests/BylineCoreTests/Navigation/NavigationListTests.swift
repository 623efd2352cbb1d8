import Testing

@testable import BylineCore

/// The settings form's navigation text: one `Label | /url/` a line, refused line by line with a
/// reason a person can act on.
@Suite struct NavigationListTests {
    @Test func linesBecomeLinksInOrder() throws {
        let text = "  World | /tag/world/ \r\n\nOpinion|/tag/opinion/\nA | B | https://example.com/x?y=1\n"
        #expect(
            try NavigationList.parse(text) == [
                NavigationLink(label: "World", url: "/tag/world/"),
                NavigationLink(label: "Opinion", url: "/tag/opinion/"),
                NavigationLink(label: "A | B", url: "https://example.com/x?y=1"),
            ])
        #expect(try NavigationList.parse("  \n\n").isEmpty)
    }

    @Test func textReadsBackAsTheSameLinks() throws {
        let links = [
            NavigationLink(label: "World", url: "/tag/world/"), NavigationLink(label: "Us", url: "http://a.example"),
        ]
        #expect(NavigationList.text(links) == "World | /tag/world/\nUs | http://a.example")
        #expect(try NavigationList.parse(NavigationList.text(links)) == links)
    }

    @Test func badLinesAreNamed() {
        #expect(throws: NavigationListError.noSeparator(line: 2)) { try NavigationList.parse("A | /a/\nB /b/") }
        #expect(throws: NavigationListError.noLabel(line: 1)) { try NavigationList.parse(" | /a/") }
        #expect(throws: NavigationListError.noURL(line: 1)) { try NavigationList.parse("A |  ") }
        #expect(throws: NavigationListError.labelTooLong(line: 1)) {
            try NavigationList.parse(String(repeating: "x", count: 61) + " | /a/")
        }
        #expect(throws: NavigationListError.tooManyLinks(31)) {
            try NavigationList.parse((1...31).map { "L\($0) | /\($0)/" }.joined(separator: "\n"))
        }
    }

    @Test func onlySitePathsAndWebAddressesAreLinks() {
        for url in [
            "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example/", "/\\evil",
            "tag/world", "https://", "/a b", "mailto:x@example.com",
        ] {
            #expect(throws: NavigationListError.badURL(line: 1, url)) { try NavigationList.parse("X | \(url)") }
        }
        for url in ["/", "/tag/world/", "https://example.com", "HTTP://EXAMPLE.COM/x"] {
            #expect(NavigationList.isAllowedURL(url), "\(url)")
        }
    }
}
