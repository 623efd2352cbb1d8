import BylineCore
import BylineStore
import Foundation

/// Feeds and crawler files: RSS, JSON Feed, sitemap.xml, robots.txt.
extension SitePages {
    /// Posts in feeds: enough for readers that poll daily.
    static let feedLength = 20

    /// The newest public posts with their rendered bodies.
    func feedItems() async throws -> [(post: Post, url: String, html: String)] {
        let summaries = try await store.publicPosts(PageRequest(number: 1, perPage: Self.feedLength)).items
        var items: [(post: Post, url: String, html: String)] = []
        for summary in summaries {
            guard case .found(let post) = try await store.publicPost(slug: summary.slug) else { continue }
            let slugs = try await store.publicSlugs(forTitles: post.body.readAlsoTitles)
            // Feed readers show content out of the site, so links are absolute.
            let html = BodyHTML.render(post.body) { title in
                slugs[TitleKey.make(title)].map { absolute(SiteRoute.canonicalPath(.post(slug: $0))) }
            }
            items.append((post, absolute(SiteRoute.canonicalPath(.post(slug: post.slug))), html))
        }
        return items
    }

    /// Feeds list every new or changed post (`.archive` is in every post write) and settings.
    static let feedDependencies: Set<ChangeKey> = [.archive, .site]

    func rss() async throws -> RenderedPage {
        let settings = try await store.settings()
        let feed = RSSFeed(
            settings: settings, siteURL: options.publicURL, feedURL: absolute(SiteRoute.canonicalPath(.rss)),
            items: try await feedItems().map { RSSFeed.Item(post: $0.post, url: $0.url, contentHTML: $0.html) },
            builtAt: clock.now())
        return .document(
            .ok, feed.render(), contentType: "application/rss+xml; charset=utf-8", dependencies: Self.feedDependencies)
    }

    func jsonFeed() async throws -> RenderedPage {
        let settings = try await store.settings()
        let items = try await feedItems().map { item in
            JSONFeed.Item(
                id: item.url, url: item.url, title: item.post.title, contentHTML: item.html, summary: item.post.excerpt,
                datePublished: DateText.iso(item.post.publishedAt ?? item.post.createdAt),
                dateModified: DateText.iso(item.post.updatedAt),
                authors: [
                    .init(
                        name: item.post.author.name,
                        url: absolute(SiteRoute.canonicalPath(.author(slug: item.post.author.slug, page: 1))))
                ],
                tags: item.post.tags.map(\.name))
        }
        let feed = JSONFeed(
            title: settings.title, homePageURL: absolute("/"), feedURL: absolute(SiteRoute.canonicalPath(.jsonFeed)),
            description: settings.description, language: settings.language, items: items)
        return .document(
            .ok, feed.render(), contentType: "application/feed+json; charset=utf-8",
            dependencies: Self.feedDependencies)
    }

    func sitemap() async throws -> RenderedPage {
        let posts = try await store.publicArchive()
        var entries = [Sitemap.Entry(url: absolute("/"), lastModified: posts.first?.updatedAt)]
        entries += posts.map {
            Sitemap.Entry(url: absolute(SiteRoute.canonicalPath(.post(slug: $0.slug))), lastModified: $0.updatedAt)
        }
        var authors: [String: Date] = [:]
        for post in posts { authors[post.author.slug] = max(authors[post.author.slug] ?? .distantPast, post.updatedAt) }
        entries += authors.keys.sorted().map {
            Sitemap.Entry(url: absolute(SiteRoute.canonicalPath(.author(slug: $0, page: 1))), lastModified: authors[$0])
        }
        entries += try await store.publicTags(limit: 10_000).map {
            Sitemap.Entry(url: absolute(SiteRoute.canonicalPath(.tag(slug: $0.tag.slug, page: 1))), lastModified: nil)
        }
        entries.append(Sitemap.Entry(url: absolute(SiteRoute.canonicalPath(.archive)), lastModified: nil))
        return .document(
            .ok, Sitemap(entries: entries).render(), contentType: "application/xml; charset=utf-8",
            dependencies: Self.feedDependencies)
    }

    func robots() -> RenderedPage {
        let text = """
            User-agent: *
            Disallow: /admin/
            Disallow: /api/
            Disallow: /members/
            Disallow: /search

            Sitemap: \(absolute(SiteRoute.canonicalPath(.sitemap)))

            """
        return .document(.ok, text, contentType: "text/plain; charset=utf-8", dependencies: [])
    }
}
