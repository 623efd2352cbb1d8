import BylineCore
import Testing

@testable import BylineWeb

@Suite struct SiteRouteTests {
    @Test func contentRoutes() {
        #expect(SiteRoute.parse("/") == .home(page: 1))
        #expect(SiteRoute.parse("/page/3/") == .home(page: 3))
        #expect(SiteRoute.parse("/peace-talks/") == .post(slug: "peace-talks"))
        #expect(SiteRoute.parse("/tag/europe/") == .tag(slug: "europe", page: 1))
        #expect(SiteRoute.parse("/tag/europe/page/2/") == .tag(slug: "europe", page: 2))
        #expect(SiteRoute.parse("/author/abiola/page/2/") == .author(slug: "abiola", page: 2))
        #expect(SiteRoute.parse("/archive/") == .archive)
        #expect(SiteRoute.parse("/archive/2026/05/") == .archiveMonth(ArchiveMonth(year: 2026, month: 5), page: 1))
        #expect(
            SiteRoute.parse("/archive/1999/12/page/3/") == .archiveMonth(ArchiveMonth(year: 1999, month: 12), page: 3))
        #expect(SiteRoute.parse("/sitemap-pages.xml") == .sitemapPages)
        #expect(SiteRoute.parse("/sitemap-posts-1.xml") == .sitemapPosts(1))
        #expect(SiteRoute.parse("/sitemap-posts-120.xml") == .sitemapPosts(120))
        #expect(SiteRoute.parse("/healthz") == .health)
        #expect(SiteRoute.parse("/assets/style.abc.css") == .asset(name: "style.abc.css"))
    }

    @Test func slugsWithoutAnASCIIFormTravelPercentEncoded() {
        let tokyo = "/%E6%9D%B1%E4%BA%AC/"
        #expect(SiteRoute.canonicalPath(.post(slug: "東京")) == tokyo)
        #expect(SiteRoute.canonicalPath(.tag(slug: "東京", page: 2)) == "/tag\(tokyo)page/2/")
        #expect(SiteRoute.parse(tokyo) == .post(slug: "東京"))
        #expect(SiteRoute.parse("/author\(tokyo)") == .author(slug: "東京", page: 1))
        // Any other spelling of the same slug redirects to the one canonical URL.
        #expect(SiteRoute.parse("/東京/") == .redirect(to: tokyo))
        #expect(SiteRoute.parse(tokyo.lowercased()) == .redirect(to: tokyo))
        #expect(SiteRoute.parse("/%70eace-talks/") == .redirect(to: "/peace-talks/"))
        // Malformed escapes, bytes that are not UTF-8, and decoded slashes or capitals name nothing.
        #expect(SiteRoute.parse("/%E6%9D/") == .notFound)
        #expect(SiteRoute.parse("/%ZZ/") == .notFound)
        #expect(SiteRoute.parse("/a%2Fb/") == .notFound)
        #expect(SiteRoute.parse("/%50eace/") == .notFound)
    }

    @Test func canonicalFormsRedirect() {
        #expect(SiteRoute.parse("/peace-talks") == .redirect(to: "/peace-talks/"))
        #expect(SiteRoute.parse("/page/1/") == .redirect(to: "/"))
        #expect(SiteRoute.parse("/tag/europe/page/1/") == .redirect(to: "/tag/europe/"))
        #expect(SiteRoute.parse("/archive") == .redirect(to: "/archive/"))
        #expect(SiteRoute.parse("/rss") == .redirect(to: "/rss/"))
        #expect(SiteRoute.parse("/rss/") == .rss)
        #expect(SiteRoute.parse("/feed.json") == .jsonFeed)
        #expect(SiteRoute.parse("/sitemap.xml") == .sitemap)
        #expect(SiteRoute.parse("/robots.txt") == .robots)
        #expect(SiteRoute.parse("/archive/2026/05") == .redirect(to: "/archive/2026/05/"))
        #expect(SiteRoute.parse("/archive/2026/05/page/1/") == .redirect(to: "/archive/2026/05/"))
        #expect(SiteRoute.parse("/archive/2026/05/page/2") == .redirect(to: "/archive/2026/05/page/2/"))
    }

    @Test func canonicalPathsRoundTrip() {
        for route: SiteRoute in [
            .archive, .archiveMonth(ArchiveMonth(year: 2026, month: 1), page: 1),
            .archiveMonth(ArchiveMonth(year: 987, month: 11), page: 4), .sitemap, .sitemapPages, .sitemapPosts(7),
        ] {
            #expect(SiteRoute.parse(SiteRoute.canonicalPath(route)) == route, "\(route)")
        }
        #expect(
            SiteRoute.canonicalPath(.archiveMonth(ArchiveMonth(year: 987, month: 1), page: 2))
                == "/archive/0987/01/page/2/")
    }

    @Test func everythingElseIsNotFound() {
        for path in [
            "", "x", "//", "/a//", "/Peace/", "/page/0/", "/page/01/", "/page/x/", "/tag/", "/tag/a/b/",
            "/search/", "/admin/", "/rss/x/", "/healthz/", "/assets/", "/assets/a/b", "/%20/", "/a/b/c/d/e/",
            "/page/1234567/", "/archive/2026/13/", "/archive/2026/00/", "/archive/0000/05/", "/archive/2026/5/",
            "/archive/26/05/", "/archive/2026/", "/archive/2026/05/page/", "/archive/2026/05/page/0/",
            "/archive/2026/05/x/", "/archive/+202/05/", "/archive/2026/-1/", "/sitemap-posts-0.xml",
            "/sitemap-posts-01.xml", "/sitemap-posts-.xml", "/sitemap-posts-x.xml", "/sitemap-posts-1.xml/",
            "/sitemap-posts-1234567890.xml", "/sitemap-pages.xml/", "/sitemap-posts-1.XML",
        ] {
            #expect(SiteRoute.parse(path) == .notFound, "\(path)")
        }
    }
}
