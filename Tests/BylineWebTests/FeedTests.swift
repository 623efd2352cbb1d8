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
                markdown: "Body with ]]> inside.\n\n::read-also[Story number 1]"))
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

    /// `/tag/<slug>/rss/` and `/author/<slug>/rss/`: only that tag's or author's posts, with
    /// their own title and page; advertised on the tag and author pages; 404 for no such owner.
    @Test(arguments: StoreKind.allCases) func tagAndAuthorFeedsListTheirOwnPosts(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let energy = try await client.get("/tag/energy/rss/")
            #expect(energy.status == .ok)
            #expect(energy.headers[.contentType] == "application/rss+xml; charset=utf-8")
            let names = try #require(Self.elements(energy.text), "the tag feed is not well-formed XML")
            #expect(names.filter { $0 == "item" }.count == 4, "stories 3, 6, 9 and 12 are Energy")
            #expect(energy.text.contains("<title>Energy – Byline</title>"))
            #expect(energy.text.contains("<link>https://news.example/tag/energy/</link>"))
            #expect(energy.text.contains("<atom:link href=\"https://news.example/tag/energy/rss/\""))
            #expect(energy.text.contains("<title>Story number 12</title>"))
            #expect(!energy.text.contains("<title>Story number 1</title>"))

            let mara = try await client.get("/author/mara-ellison/rss/")
            #expect(mara.status == .ok)
            #expect(Self.elements(mara.text)?.filter { $0 == "item" }.count == 6, "the even stories are Mara's")
            #expect(mara.text.contains("<title>Mara Ellison – Byline</title>"))
            #expect(!mara.text.contains("<title>Story number 3</title>"))

            #expect(try await client.get("/tag/no-such-tag/rss/").status == .notFound)
            #expect(try await client.get("/author/nobody/rss/").status == .notFound)
            #expect(try await client.get("/tag/energy/rss").status == .movedPermanently)

            let tagPage = try await client.get("/tag/energy/")
            #expect(
                tagPage.text.contains(
                    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Energy – Byline\" "
                        + "href=\"/tag/energy/rss/\">"))
            #expect(tagPage.text.contains("<link rel=\"alternate\" type=\"application/feed+json\""))
            #expect(try await client.get("/author/mara-ellison/").text.contains("href=\"/author/mara-ellison/rss/\""))
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

    /// The text of every `<loc>`, in order.
    static func locations(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test(arguments: StoreKind.allCases) func sitemapIsAnIndexOfPagesAndPostSitemapsAndRobotsPointsToIt(
        kind: StoreKind
    ) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let index = try await client.get("/sitemap.xml")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
            let names = try #require(Self.elements(index.text), "the sitemap index is not well-formed XML")
            #expect(names.first == "sitemapindex")
            #expect(index.text.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            // 12 posts: ids 1...12, one post sitemap.
            #expect(
                Self.locations(index.text) == [
                    "https://news.example/sitemap-pages.xml", "https://news.example/sitemap-posts-1.xml",
                ])

            let pages = try await client.get("/sitemap-pages.xml")
            #expect(pages.status == .ok)
            #expect(try #require(Self.elements(pages.text)).first == "urlset")
            // Home, archive, its one month, 2 tags, 2 authors.
            #expect(
                Set(Self.locations(pages.text)) == [
                    "https://news.example/", "https://news.example/archive/", "https://news.example/archive/2026/02/",
                    "https://news.example/tag/energy/", "https://news.example/tag/farming/",
                    "https://news.example/author/mara-ellison/", "https://news.example/author/tomasz-okafor/",
                ])

            let posts = try await client.get("/sitemap-posts-1.xml")
            #expect(posts.status == .ok)
            let postNames = try #require(Self.elements(posts.text))
            #expect(postNames.filter { $0 == "url" }.count == 12)
            #expect(postNames.filter { $0 == "lastmod" }.count == 12)
            #expect(posts.text.contains("<loc>https://news.example/story-number-1/</loc><lastmod>"))

            for path in [
                "/sitemap-posts-2.xml", "/sitemap-posts-0.xml", "/sitemap-posts-01.xml", "/sitemap-posts-x.xml",
                "/sitemap-posts-.xml", "/sitemap-posts-1.xml/", "/sitemap-posts-99999999999.xml",
            ] {
                #expect(try await client.get(path).status == .notFound, "\(path)")
            }
            let robots = try await client.get("/robots.txt")
            #expect(robots.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(robots.text.contains("Sitemap: https://news.example/sitemap.xml"))
        }
    }

    @Test(arguments: StoreKind.allCases) func postSitemapsSplitByIdRangeAndLeaveOutWhatIsNotPublic(kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        var inputs: [PostInput] = []
        for index in 1...1001 {
            inputs.append(
                PostInput(
                    title: "Item \(index)", authorName: "A", markdown: "Text \(index).",
                    publishedAt: Date(timeIntervalSince1970: 1_770_000_000 + Double(index))))
        }
        // Post 1002 comes out in an hour: not in a sitemap yet.
        inputs.append(
            PostInput(
                title: "Embargoed", authorName: "A", markdown: "Later.",
                publishedAt: site.clock.now() + 3600))
        let saved = try await site.store.upsertPosts(matchingTitles: inputs)
        #expect(saved.last?.id == 1002)
        try await site.serve { client in
            let index = try await client.get("/sitemap.xml")
            #expect(
                Self.locations(index.text) == [
                    "https://news.example/sitemap-pages.xml", "https://news.example/sitemap-posts-1.xml",
                    "https://news.example/sitemap-posts-2.xml",
                ])
            let first = try await client.get("/sitemap-posts-1.xml")
            #expect(Self.locations(first.text).count == 1000)
            #expect(Self.locations(first.text).first == "https://news.example/item-1/")
            let second = try await client.get("/sitemap-posts-2.xml")
            #expect(second.status == .ok)
            #expect(Self.locations(second.text) == ["https://news.example/item-1001/"])
            #expect(try await client.get("/sitemap-posts-3.xml").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func feedsFollowNewPostsFromOtherProcesses(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            #expect(!(try await client.get("/rss/").text.contains("Breaking")))
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(title: "Breaking", authorName: "A", markdown: "News."))
            let rss = try await client.poll("/rss/") { $0.text.contains("Breaking") }
            #expect(rss.text.contains("<title>Breaking</title>"))
            let sitemap = try await client.poll("/sitemap-posts-1.xml") { $0.text.contains("/breaking/") }
            #expect(sitemap.text.contains("<loc>https://news.example/breaking/</loc>"))
            let pages = try await client.poll("/sitemap-pages.xml") { $0.text.contains("/author/a/") }
            #expect(pages.text.contains("<loc>https://news.example/author/a/</loc>"))
        }
    }
}
