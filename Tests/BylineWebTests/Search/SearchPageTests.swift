import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// `/search` through the real server on both engines: the query echoed inert, snippets built
/// from escaped text with `<mark>` around the matches, the gate (a canary only in the gated
/// part of a post, with a member's cookie as the positive control), pagination, and no copy of
/// one audience's results ever reaching another.
@Suite struct SearchPageTests {
    static let canary = GateLeakTests.canary
    /// A word of the canary sentence found nowhere else.
    static let canaryWord = "timetable"

    @Test(arguments: StoreKind.allCases) func anEmptySearchAsksForATerm(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        try await site.serve { client in
            for path in ["/search", "/search?q=", "/search?q=+++", "/search?q=%22%22", "/search?q=-%20-"] {
                let page = try await client.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("Enter a search term"), "\(path)")
                #expect(page.text.contains("<meta name=\"robots\" content=\"noindex\">"))
                #expect(page.headers[.cacheControl] == "private, no-cache")
            }
            // The masthead's form is on every page: a plain GET to /search, labelled.
            let home = try await client.get("/")
            #expect(home.text.contains("<form class=\"masthead-search\" role=\"search\""))
            #expect(home.text.contains("action=\"/search\" method=\"get\""))
            #expect(
                home.text.contains("id=\"masthead-search-q\" type=\"search\" name=\"q\" aria-label=\"Search stories\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func theQueryAndTheSnippetsStayInert(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Harbour <b>plans</b>", authorName: "Mara Ellison",
                markdown: "Before. <script>alert(1)</script> The harbour & the \"quay\" reopen.",
                publishedAt: site.clock.now().addingTimeInterval(-3600)))
        try await site.serve { client in
            let hostile = try await client.get("/search?q=%22%3E%3Cscript%3Ealert(2)%3C/script%3E")
            #expect(hostile.status == .ok)
            #expect(!hostile.text.contains("<script>alert(2)"))
            #expect(hostile.text.contains("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""))

            let page = try await client.get("/search?q=harbour")
            #expect(page.status == .ok)
            #expect(page.text.contains("1 result<"))
            #expect(page.text.contains("<mark>Harbour</mark> &lt;b&gt;plans&lt;/b&gt;"), "title: escaped, then marked")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; The <mark>harbour</mark> &amp; the"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(!page.text.contains("<b>plans"))
            #expect(page.text.components(separatedBy: "<mark>").count - 1 == 2, "title and snippet, nothing else")
            #expect(
                page.text.contains("href=\"/harbour-b-plans-b/\"") || page.text.contains("href=\"/harbour-plans/\""))
            #expect(page.text.contains("Mara Ellison"))
        }
    }

    @Test(arguments: StoreKind.allCases) func gatedTextIsFoundOnlyByEntitledReaders(_ kind: StoreKind) async throws {
        let (site, _, cookie) = try await GateLeakTests.gatedSite(kind)
        try await GateLeakTests.serve(site) { client, server in
            let query = "/search?q=\(Self.canaryWord)"
            // Member first: were their page cached, the anonymous request below would get it.
            let member = try await client.get(query, headers: GateLeakTests.memberHeaders(cookie))
            #expect(member.status == .ok)
            #expect(member.text.contains("ferry review</a>"), "positive control: a member finds it")
            #expect(member.text.contains("secret <mark>timetable</mark>"), "and sees it quoted")
            #expect(member.headers[.cacheControl] == "private, no-cache")

            let anonymous = try await client.get(query)
            #expect(anonymous.status == .ok)
            #expect(!anonymous.text.contains("ferry review</a>"), "not found by a word past the preview")
            #expect(!anonymous.text.contains("secret"))
            #expect(anonymous.text.contains("0 results"))
            #expect(anonymous.headers[.cacheControl] == "private, no-cache")

            // Found by its free part, quoted from the preview only.
            let free = try await client.get("/search?q=harbour")
            #expect(free.text.contains("<mark>Harbour</mark> ferry review</a>"))
            #expect(free.text.contains("The <mark>harbour</mark> authority met"))
            #expect(!free.text.contains("secret") && !free.text.contains("Unions asked"))
            #expect(free.text.contains("search-result-gate\">Members<"))
            // Excluding the canary's word hides nothing from an anonymous reader.
            #expect(try await client.get("/search?q=harbour+-\(Self.canaryWord)").text.contains("ferry review</a>"))
            #expect(try await client.get("/search?q=quietly").text.contains("0 results"), "paid: past the preview")
            #expect(try await client.get("/search?q=tram").text.contains("depot sale</a>"), "but its title is free")

            let cache = try #require(server.cache)
            #expect(cache.statistics.entries == 0, "no search page was cached")
            let again = try await client.get(query, headers: GateLeakTests.memberHeaders(cookie))
            #expect(again.text.contains("ferry review</a>"))
        }
    }

    @Test(arguments: StoreKind.allCases) func resultsArePaginatedTenAtATime(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        _ = try await site.store.upsertPosts(
            matchingTitles: (1...12).map { index in
                PostInput(
                    title: "Ferry notice \(index)", authorName: "Mara Ellison", markdown: "The ferry sails at noon.",
                    publishedAt: site.clock.now().addingTimeInterval(-86_400 + Double(index) * 60))
            })
        try await site.serve { client in
            let first = try await client.get("/search?q=ferry+noon")
            #expect(first.text.contains("12 results"))
            #expect(first.text.components(separatedBy: "class=\"search-result\"").count - 1 == 10)
            #expect(first.text.contains("href=\"/search?q=ferry%20noon&amp;page=2\""))
            #expect(first.text.contains("<mark>Ferry</mark> notice 12<") && !first.text.contains("notice 2<"))
            let second = try await client.get("/search?q=ferry%20noon&page=2")
            #expect(second.status == .ok)
            #expect(second.text.components(separatedBy: "class=\"search-result\"").count - 1 == 2)
            #expect(second.text.contains("<mark>Ferry</mark> notice 1<"))
            #expect(second.text.contains("value=\"ferry noon\""))
            #expect(try await client.get("/search?q=ferry&page=3").status == .notFound)
            #expect(try await client.get("/search?q=ferry&page=abc").status == .ok, "a bad page is the first")
        }
    }

    @Test func theCountIsCappedInWords() {
        #expect(SearchView.countText(0, capped: false) == "0 results")
        #expect(SearchView.countText(1, capped: false) == "1 result")
        #expect(SearchView.countText(999, capped: false) == "999 results")
        #expect(SearchView.countText(1_000, capped: true) == "More than 1,000 results")
        #expect(SearchAddress.parameters("q=a+b%26c&page=2") == ("a b&c", 2))
        #expect(SearchAddress.parameters("page=0&q=x") == ("x", 1))
        #expect(SearchAddress.path(query: "a b&c", page: 2) == "/search?q=a%20b%26c&page=2")
        #expect(SiteRoute.parse("/search", query: "q=z%C3%BCrich") == .search(query: "zürich", page: 1))
        #expect(SiteRoute.parse("/search/") == .notFound || SiteRoute.parse("/search/") != .search(query: "", page: 1))
    }
}
