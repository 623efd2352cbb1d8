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
        #expect(SiteRoute.parse("/healthz") == .health)
        #expect(SiteRoute.parse("/assets/style.abc.css") == .asset(name: "style.abc.css"))
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
    }

    @Test func everythingElseIsNotFound() {
        for path in [
            "", "x", "//", "/a//", "/Peace/", "/page/0/", "/page/01/", "/page/x/", "/tag/", "/tag/a/b/",
            "/search/", "/admin/", "/rss/x/", "/healthz/", "/assets/", "/assets/a/b", "/%20/", "/a/b/c/d/e/",
            "/page/1234567/",
        ] {
            #expect(SiteRoute.parse(path) == .notFound, "\(path)")
        }
    }
}
