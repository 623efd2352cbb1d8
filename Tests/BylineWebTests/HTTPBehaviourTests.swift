import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct HTTPBehaviourTests {
    static func demoSite(_ kind: StoreKind) async throws -> TestSite {
        let site = try await TestSite.open(kind)
        for index in 1...12 {
            _ = try await site.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Story number \(index)", authorName: index % 2 == 0 ? "Mara Ellison" : "Tomasz Okafor",
                    markdown: "Paragraph of story \(index).",
                    tagNames: index % 3 == 0 ? ["Energy"] : index % 3 == 1 ? ["Farming"] : [],
                    publishedAt: Date(timeIntervalSince1970: 1_770_000_000 + Double(index) * 86400)))
        }
        return site
    }

    @Test(arguments: StoreKind.allCases) func homeIsHTMLWithCachingHeadersAndRevalidates(kind: StoreKind) async throws {
        try await Self.demoSite(kind).serve { client in
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.headers[.cacheControl] == "no-cache")
            let eTag = try #require(home.headers[.eTag])
            #expect(eTag.hasPrefix("\"") && !eTag.hasPrefix("W/"))
            #expect(home.headers[.contentLength] == String(home.body.readableBytes))
            #expect(home.text.contains("Story number 12"))
            #expect(home.text.contains("<link rel=\"canonical\" href=\"https://news.example/\">"))

            let again = try await client.get("/", headers: [.ifNoneMatch: eTag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let stale = try await client.get("/", headers: [.ifNoneMatch: "\"0000000000000000\""])
            #expect(stale.status == .ok)

            let head = try await client.execute(uri: "/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == eTag)
        }
    }

    @Test(arguments: StoreKind.allCases) func paginationLinksAndBounds(kind: StoreKind) async throws {
        try await Self.demoSite(kind).serve { client in
            let first = try await client.get("/")
            #expect(first.text.contains("href=\"/page/2/\""))
            let second = try await client.get("/page/2/")
            #expect(second.status == .ok)
            #expect(second.text.contains("Story number 2"))
            #expect(!second.text.contains("Story number 12<"))
            #expect(try await client.get("/page/9/").status == .notFound)
            let pageOne = try await client.get("/page/1/")
            #expect(pageOne.status == .movedPermanently)
            #expect(pageOne.headers[.location] == "/")
        }
    }

    @Test(arguments: StoreKind.allCases) func contentURLsWithoutSlashRedirectKeepingTheQuery(kind: StoreKind)
        async throws
    {
        try await Self.demoSite(kind).serve { client in
            for (path, target) in [
                ("/story-number-3", "/story-number-3/"), ("/archive", "/archive/"), ("/tag/energy", "/tag/energy/"),
                ("/author/mara-ellison", "/author/mara-ellison/"), ("/page/2", "/page/2/"),
                ("/story-number-3?utm_source=x&y=1", "/story-number-3/?utm_source=x&y=1"),
            ] {
                let response = try await client.get(path)
                #expect(response.status == .movedPermanently, "\(path)")
                #expect(response.headers[.location] == target, "\(path)")
            }
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.text == "ok\n")
            #expect(try await client.get("/healthz/").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func archivesListTheirPosts(kind: StoreKind) async throws {
        try await Self.demoSite(kind).serve { client in
            let tag = try await client.get("/tag/energy/")
            #expect(tag.status == .ok)
            #expect(count("<article class=\"card", in: tag.text) == 4)
            let author = try await client.get("/author/mara-ellison/")
            #expect(author.status == .ok)
            #expect(author.text.contains("Story number 12"))
            #expect(!author.text.contains("Story number 11<"))
        }
    }

    @Test(arguments: StoreKind.allCases) func unknownAndMalformedRequestsGetClear4xx(kind: StoreKind) async throws {
        try await Self.demoSite(kind).serve { client in
            for path in [
                "/no-such-story/", "/tag/no-such-tag/", "/author/nobody/", "/%ff%fe/", "/Story-Number-1/", "//",
                "/a/b/c/d/e/", "/tag/energy/page/0/", "/rss/x/", "/assets/style.css",
            ] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path) gave \(response.status)")
            }
            let notFound = try await client.get("/no-such-story/")
            #expect(notFound.headers[.contentType] == "text/html; charset=utf-8")
            #expect(notFound.text.contains("Page not found"))

            let post = try await client.execute(uri: "/", method: .post, body: .init(string: "x"))
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")
            let long = try await client.get("/" + String(repeating: "a", count: 10_000) + "/")
            #expect(long.status == .uriTooLong)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func stylesheetIsFingerprintedAndImmutable(kind: StoreKind) async throws {
        try await Self.demoSite(kind).serve { client in
            let home = try await client.get("/").text
            let start = try #require(home.range(of: "href=\"/assets/style."))
            let href = String(home[home.index(start.lowerBound, offsetBy: 6)...].prefix { $0 != "\"" })
            #expect(href.hasSuffix(".css"))
            let css = try await client.get(href)
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.body.readableBytes > 1000)
            #expect(try await client.get("/assets/style.000000000000.css").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func oldSlugRedirectsToTheNewOne(kind: StoreKind) async throws {
        let site = try await Self.demoSite(kind)
        let post = try #require(try await site.store.publicPosts(PageRequest(number: 1, perPage: 1)).items.first)
        _ = try await site.store.changeSlug(postID: post.id, to: "renamed-story")
        try await site.serve { client in
            let old = try await client.get("/\(post.slug)/")
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/renamed-story/")
            #expect(try await client.get("/renamed-story/").status == .ok)
        }
    }
}
