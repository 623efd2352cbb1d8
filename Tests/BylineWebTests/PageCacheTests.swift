import BylineCore
import BylineStore
import BylineTestSupport
import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BylineWeb

@Suite struct PageCacheTests {
    static func page(_ text: String, _ keys: Set<ChangeKey>) -> PreparedPage {
        PreparedPage(
            status: .ok, body: ByteBuffer(string: text), contentType: "text/html; charset=utf-8",
            cacheControl: "no-cache", dependencies: keys, renderedAt: Date())
    }

    @Test func invalidationDropsExactlyThePagesBuiltFromAChangedThing() {
        let cache = PageCache(capacityBytes: 1 << 20)
        cache.insert("/a/", Self.page("a", [.post(1), .tag(7)]), renderedAt: cache.epoch)
        cache.insert("/b/", Self.page("b", [.post(2)]), renderedAt: cache.epoch)
        cache.insert("/", Self.page("home", [.home]), renderedAt: cache.epoch)
        cache.invalidate([.tag(7), .post(99)])
        #expect(cache.page("/a/") == nil)
        #expect(cache.page("/b/") != nil)
        #expect(cache.page("/") != nil)
        cache.invalidate([.site])
        #expect(cache.page("/b/") == nil && cache.page("/") == nil)
        #expect(cache.statistics.entries == 0)
    }

    @Test func aPageRenderedBeforeAnInvalidationIsNotStored() {
        let cache = PageCache(capacityBytes: 1 << 20)
        let epoch = cache.epoch
        cache.invalidate([.post(1)])
        cache.insert("/a/", Self.page("old text", [.post(1)]), renderedAt: epoch)
        #expect(cache.page("/a/") == nil)
    }

    @Test func sizeIsBoundedAndTheLeastRecentlyUsedGoFirst() {
        let body = String(repeating: "x", count: 4000)
        let size = Self.page(body, []).size
        let cache = PageCache(capacityBytes: size * 5)
        for index in 0..<5 { cache.insert("/\(index)/", Self.page(body, []), renderedAt: cache.epoch) }
        _ = cache.page("/0/")  // recently used: survives
        cache.insert("/5/", Self.page(body, []), renderedAt: cache.epoch)
        #expect(cache.statistics.bytes <= size * 5)
        #expect(cache.page("/0/") != nil)
        #expect(cache.page("/1/") == nil)
        #expect(cache.page("/5/") != nil)
        #expect(cache.statistics.evictions >= 1)
    }

    @Test(arguments: StoreKind.allCases) func gzipIsServedOnlyWhenAskedAndDecompressesToTheSamePage(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let plain = try await client.get("/")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            #expect(plain.headers[.lastModified] != nil)
            let zipped = try await client.get("/", headers: [.acceptEncoding: "br, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.eTag] != plain.headers[.eTag])
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)
            var compressed = zipped.body
            let inflated = try compressed.decompress(with: .gzip())
            #expect(String(buffer: inflated) == plain.text)
            let refused = try await client.get("/", headers: [.acceptEncoding: "gzip;q=0, identity"])
            #expect(refused.headers[.contentEncoding] == nil)
            let head = try await client.execute(uri: "/", method: .head, headers: [.acceptEncoding: "gzip"])
            #expect(head.headers[.contentEncoding] == "gzip")
            #expect(head.headers[.contentLength] == zipped.headers[.contentLength])
            #expect(head.body.readableBytes == 0)
            let revalidated = try await client.get(
                "/", headers: [.acceptEncoding: "gzip", .ifNoneMatch: try #require(zipped.headers[.eTag])])
            #expect(revalidated.status == .notModified)
            let since = try await client.get(
                "/", headers: [.ifModifiedSince: try #require(plain.headers[.lastModified])])
            #expect(since.status == .notModified)
            let before = try await client.get("/", headers: [.ifModifiedSince: "Thu, 01 Jan 1970 00:00:00 GMT"])
            #expect(before.status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func repeatedRequestsAreServedFromTheCache(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer { client, server in
            let cache = try #require(server.cache)
            let first = try await client.get("/story-number-4/")
            let misses = cache.statistics.misses
            let second = try await client.get("/story-number-4/")
            #expect(second.text == first.text)
            #expect(cache.statistics.misses == misses)
            #expect(cache.statistics.hits >= 1)
            // 404s are never cached: the slug may become a post at any moment.
            _ = try await client.get("/not-yet/")
            _ = try await client.get("/not-yet/")
            #expect(cache.page("/not-yet/") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func anotherProcessesSaveInvalidatesThatPostAndItsListingsOnly(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer { client, server in
            let cache = try #require(server.cache)
            for path in [
                "/", "/story-number-3/", "/story-number-4/", "/tag/energy/", "/author/tomasz-okafor/", "/archive/",
                "/archive/2026/02/",
            ] {
                #expect(try await client.get(path).status == .ok)
            }
            let other = try await site.otherProcessStore()
            _ = try await other.upsertPost(
                matchingTitle: PostInput(
                    title: "Story number 3", authorName: "Tomasz Okafor",
                    markdown: "A corrected paragraph.", tagNames: ["Energy"]))
            let updated = try await client.poll("/story-number-3/") { $0.text.contains("A corrected paragraph.") }
            #expect(updated.text.contains("A corrected paragraph."))
            #expect(cache.page("/tag/energy/") == nil)
            #expect(cache.page("/author/tomasz-okafor/") == nil)
            #expect(cache.page("/") == nil)
            #expect(cache.page("/archive/") == nil)
            #expect(cache.page("/archive/2026/02/") == nil)
            // Story 4 shares no tag or author with story 3 and its related list does not name it.
            #expect(cache.page("/story-number-4/") != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func aNewTagInTheNavigationRefreshesEveryPage(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            let before = try await client.get("/story-number-4/")
            #expect(!before.text.contains("/tag/weather/"))
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(
                    title: "Storm Warning", authorName: "Mara Ellison", markdown: "Wind.",
                    tagNames: ["Weather"]))
            let after = try await client.poll("/story-number-4/") { $0.text.contains("/tag/weather/") }
            #expect(after.text.contains("href=\"/tag/weather/\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func aScheduledPostAppearsWhenTheSchedulerPublishesIt(kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let clock = site.clock
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(title: "Today", authorName: "A", markdown: "Now."))
        // Even asked to publish it, a post dated later is scheduled: one representation.
        let saved = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Embargoed", authorName: "A", markdown: "Later.",
                publishedAt: clock.now() + 3600, status: .published))
        #expect(saved.status == .scheduled)
        try await site.serve { client in
            #expect(!(try await client.get("/").text.contains("Embargoed")))
            #expect(try await client.get("/embargoed/").status == .notFound)
            clock.advance(by: 3601)
            // What the scheduler does each second on some node; this one learns of it from the log.
            #expect(try await site.store.publishDuePosts().count == 1)
            let home = try await client.poll("/") { $0.text.contains("Embargoed") }
            #expect(home.text.contains("Embargoed"))
            #expect(try await client.get("/embargoed/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func withTheCacheOffEveryRequestRendersTheCurrentData(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer(pageCacheBytes: 0) { client, server in
            #expect(server.cache == nil)
            #expect(try await client.get("/story-number-2/").status == .ok)
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(
                    title: "Story number 2", authorName: "Mara Ellison", markdown: "Rewritten."))
            // No watcher, no delay: the very next request shows it.
            #expect(try await client.get("/story-number-2/").text.contains("Rewritten."))
            let zipped = try await client.get("/", headers: [.acceptEncoding: "gzip"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
        }
    }

    @Test(arguments: StoreKind.allCases, [true, false]) func aSettingsSaveShowsOnEveryPage(
        kind: StoreKind, pageCache: Bool
    ) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer(pageCacheBytes: pageCache ? 8 << 20 : 0) { client, server in
            #expect((server.cache != nil) == pageCache)
            for path in ["/", "/story-number-4/", "/archive/"] {
                #expect(!(try await client.get(path).text.contains("The Evening Ledger")))
            }
            let other = try await site.otherProcessStore()
            var settings = try await other.settings()
            settings.title = "The Evening Ledger"
            try await other.saveSettings(settings)
            for path in ["/", "/story-number-4/", "/archive/"] {
                let page = try await client.poll(path) { $0.text.contains("The Evening Ledger") }
                #expect(
                    page.text.contains("<p class=\"site-title\"><a href=\"/\">The Evening Ledger</a></p>"), "\(path)")
            }
            let rss = try await client.poll("/rss/") { $0.text.contains("The Evening Ledger") }
            #expect(rss.text.contains("<title>The Evening Ledger</title>"))
        }
    }

    @Test(arguments: StoreKind.allCases) func withTheCacheOffTheNavigationStillFollowsNewTags(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer(pageCacheBytes: 0) { client, _ in
            #expect(!(try await client.get("/").text.contains("/tag/weather/")))
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(
                    title: "Storm Warning", authorName: "Mara Ellison", markdown: "Wind.",
                    tagNames: ["Weather"]))
            let after = try await client.poll("/story-number-4/") { $0.text.contains("/tag/weather/") }
            #expect(after.text.contains("href=\"/tag/weather/\""))
        }
    }
}
