import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A database that is away answers 503 with Retry-After (a proxy may try another node); any
/// other failure 500 with a request id to find the log line by (retrying would not help).
@Suite struct StoreFailureTests {
    @Test(arguments: StoreKind.allCases) func aRenderingFaultIs500WithARequestID(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        let reading = WrappedStore(base: site.store) { name in
            if name == "publicPosts(tagSlug:_:)" { throw BrokenRendering() }
        }
        try await site.serveWithServer(reading: reading) { client, _ in
            let response = try await client.get("/tag/energy/")
            #expect(response.status == .internalServerError)
            #expect(response.headers[.retryAfter] == nil)
            #expect(response.text.hasPrefix("Internal server error (request "))
            let id = response.text.dropFirst("Internal server error (request ".count).prefix { $0 != ")" }
            #expect(!id.isEmpty)
            let again = try await client.get("/tag/energy/")
            #expect(again.text != response.text, "each request has its own id")
            #expect(try await client.get("/tag/farming/").status == .internalServerError)
            // The rest of the site is unaffected.
            #expect(try await client.get("/story-number-3/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func anUnreachableDatabaseIs503WithRetryAfter(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        let reading = WrappedStore(base: site.store) { name in
            if name == "publicPost(slug:)" { throw PostgresStoreError.cannotConnect("connection refused") }
        }
        try await site.serveWithServer(reading: reading) { client, _ in
            let response = try await client.get("/story-number-3/")
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(try await client.get("/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDatabaseThatDoesNotAnswerIs503AtTheDeadline(kind: StoreKind)
        async throws
    {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        // A driver call that ignores cancellation: it answers after 10 s whatever happens.
        let answered = Flag()
        let reading = WrappedStore(base: site.store) { name in
            guard name == "publicPosts(authorSlug:_:)" else { return }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { continuation.resume() }
            }
            answered.set()
        }
        try await site.serveWithServer(pageCacheBytes: 0, databaseTimeout: .milliseconds(300), reading: reading) {
            client, _ in
            let response = try await client.get("/author/mara-ellison/")
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            // Before the driver answered: checked with a flag, not a clock a busy machine slows.
            #expect(!answered.value)
        }
    }

    /// Pages read only their own content: settings and navigation are held in memory, and
    /// feeds and sitemaps make a fixed number of queries however many posts there are.
    @Test(arguments: StoreKind.allCases) func pagesMakeFewQueries(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Linked", authorName: "A",
                markdown: "Text.\n\n::read-also[Story number 1]\n\nMore.\n\n::read-also[Story number 2]"))
        let log = CallLog()
        let reading = WrappedStore(base: site.store) { log.record($0) }
        try await site.serveWithServer(pageCacheBytes: 0, reading: reading) { client, _ in
            #expect(try await client.get("/").status == .ok)
            try await Task.sleep(for: .milliseconds(300))  // the watcher has started and loaded the chrome
            for (path, calls) in [
                ("/no-such-story/", ["publicPost(slug:)"]),
                ("/rss/", ["latestPublicPosts(limit:)", "publicSlugs(forTitles:)"]),
                ("/feed.json", ["latestPublicPosts(limit:)", "publicSlugs(forTitles:)"]),
                ("/sitemap.xml", ["maxPostID()"]),
                ("/sitemap-posts-1.xml", ["maxPostID()", "publicPostLinks(ids:)"]),
                ("/archive/", ["archiveMonths(timeZone:)"]),
                ("/archive/2026/02/", ["publicPosts(in:_:)"]),
                ("/tag/energy/", ["publicPosts(tagSlug:_:)"]),
            ] {
                log.reset()
                #expect(try await client.get(path).status == (path == "/no-such-story/" ? .notFound : .ok))
                #expect(log.pageCalls == calls, "\(path)")
            }
        }
    }
}
