import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct FeedTests {
    /// Parses XML with Foundation's parser; returns the element names in order, or nil when not well-formed.
    static func elements(_ text: String) -> [String]? {
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
            ) {
                names.append(elementName)
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.names : nil
    }

    @Test(arguments: StoreKind.allCases) func rssCarriesTheNewestPostsWithFullContent(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Tom & Jerry <script>", authorName: "Mara Ellison",
                body: PostBody(storedText: "Body with ]]> inside.\n\nREAD ALSO: Story number 1")))
        try await site.serve { client in
            let response = try await client.get("/rss/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/rss+xml; charset=utf-8")
            let names = try #require(Self.elements(response.text), "RSS is not well-formed XML")
            #expect(names.filter { $0 == "item" }.count == 13)
            #expect(response.text.contains("<title>Tom &amp; Jerry &lt;script&gt;</title>"))
            #expect(response.text.contains("<link>https://news.example/tom-jerry-script/</link>"))
            #expect(response.text.contains("href=\"https://news.example/story-number-1/\""))
            #expect(response.text.contains("<atom:link href=\"https://news.example/rss/\""))
            #expect(try await client.get("/rss").status == .movedPermanently)
        }
    }

    @Test(arguments: StoreKind.allCases) func jsonFeedIsValidJSONFeed(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let response = try await client.get("/feed.json")
            #expect(response.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == 12)
            #expect(items.first?["title"] as? String == "Story number 12")
            #expect((items.first?["content_html"] as? String)?.contains("<p>Paragraph of story 12.</p>") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func sitemapListsPostsTagsAuthorsAndRobotsPointsToIt(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let sitemap = try await client.get("/sitemap.xml")
            #expect(sitemap.status == .ok)
            let names = try #require(Self.elements(sitemap.text))
            // Home, 12 posts, 2 authors, 2 tags, archive.
            #expect(names.filter { $0 == "url" }.count == 18)
            #expect(sitemap.text.contains("<loc>https://news.example/tag/energy/</loc>"))
            #expect(sitemap.text.contains("<loc>https://news.example/author/mara-ellison/</loc>"))
            let robots = try await client.get("/robots.txt")
            #expect(robots.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(robots.text.contains("Sitemap: https://news.example/sitemap.xml"))
        }
    }

    @Test(arguments: StoreKind.allCases) func feedsFollowNewPostsFromOtherProcesses(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            #expect(!(try await client.get("/rss/").text.contains("Breaking")))
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(title: "Breaking", authorName: "A", body: PostBody(storedText: "News.")))
            let rss = try await client.poll("/rss/") { $0.text.contains("Breaking") }
            #expect(rss.text.contains("<title>Breaking</title>"))
            let sitemap = try await client.poll("/sitemap.xml") { $0.text.contains("/breaking/") }
            #expect(sitemap.text.contains("https://news.example/breaking/"))
        }
    }
}
