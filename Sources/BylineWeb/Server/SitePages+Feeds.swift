import BylineCore
import BylineStore
import Foundation

/// Feeds and crawler files: RSS, JSON Feed, sitemap.xml, robots.txt.
extension SitePages {
    /// Posts in feeds: enough for readers that poll daily.
    static let feedLength = 20

    /// `posts` with their rendered bodies, through the gate: a post this audience may not read
    /// gives its preview and a link to the article. One query, whatever the length. `freshness`
    /// learns when the archive rule will catch a post shown in full.
    func feedItems(_ posts: [Post], settings: SiteSettings, freshness: inout PageFreshness) async throws
        -> [(post: Post, url: String, html: String)]
    {
        let now = clock.now()
        let gated = posts.map {
            GatedPost.apply($0, for: audience, settings: settings.gate, now: now)
        }
        let slugs = try await store.publicSlugs(forTitles: gated.flatMap(\.post.body.readAlsoTitles))
        return gated.map { item in
            freshness.note(item.changesAt)
            let url = absolute(SiteRoute.canonicalPath(.post(slug: item.post.slug)))
            // Feed readers show content out of the site, so links are absolute.
            var html = ResolvedBody.html(item.post, slugs: slugs, origin: options.publicURL)
            if item.isLocked {
                html +=
                    "\n<p><em>The rest of this article is for subscribers: <a href=\""
                    + HTMLEscape.escape(url) + "\">read it on " + HTMLEscape.escape(settings.title) + "</a>.</em></p>"
            }
            return (item.post, url, html)
        }
    }

    /// Feeds list every new or changed post (`.archive` is in every post write) and settings.
    static let feedDependencies: Set<ChangeKey> = [.archive, .site]

    func rss(settings: SiteSettings) async throws -> RenderedPage {
        try await rss(
            store.latestPublicPosts(limit: Self.feedLength), at: .rss, channel: nil, settings: settings,
            dependencies: Self.feedDependencies)
    }

    /// `/tag/<slug>/rss/` or `/author/<slug>/rss/`: the owner's newest posts; nil (a 404) when
    /// there is no such tag or author.
    func scopedRSS(_ scope: FeedScope, settings: SiteSettings) async throws -> RenderedPage? {
        guard let scoped = try await store.latestPublicPosts(scope, limit: Self.feedLength) else { return nil }
        let page: SiteRoute
        switch scope {
        case .tag(let slug): page = .tag(slug: slug, page: 1)
        case .author(let slug): page = .author(slug: slug, page: 1)
        }
        let channel = (
            title: "\(scoped.name) – \(settings.title)",
            description: scoped.description.isEmpty
                ? "\(scoped.name) stories from \(settings.title)." : scoped.description,
            link: absolute(SiteRoute.canonicalPath(page))
        )
        return try await rss(
            scoped.posts, at: .scopedFeed(scope), channel: channel, settings: settings,
            dependencies: Self.feedDependencies.union([scoped.key]))
    }

    /// `posts` as the RSS document at `route`; `channel` names a tag's or author's feed (nil:
    /// the site's).
    private func rss(
        _ posts: [Post], at route: SiteRoute, channel: (title: String, description: String, link: String)?,
        settings: SiteSettings, dependencies: Set<ChangeKey>
    ) async throws -> RenderedPage {
        var freshness = PageFreshness()
        var feed = RSSFeed(
            settings: settings, siteURL: options.publicURL, feedURL: absolute(SiteRoute.canonicalPath(route)),
            items: try await feedItems(posts, settings: settings, freshness: &freshness).map {
                RSSFeed.Item(post: $0.post, url: $0.url, contentHTML: $0.html)
            },
            builtAt: clock.now())
        feed.channel = channel
        return .document(
            .ok, feed.render(), contentType: "application/rss+xml; charset=utf-8", dependencies: dependencies,
            validUntil: freshness.validUntil)
    }

    func jsonFeed(settings: SiteSettings) async throws -> RenderedPage {
        var freshness = PageFreshness()
        let posts = try await store.latestPublicPosts(limit: Self.feedLength)
        let items = try await feedItems(posts, settings: settings, freshness: &freshness).map { item in
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
            dependencies: Self.feedDependencies, validUntil: freshness.validUntil)
    }

    /// How many `/sitemap-posts-N.xml` there are: one per ``Sitemap/postsPerChild`` post ids.
    func sitemapPostsCount() async throws -> Int {
        let maxID = try await store.maxPostID()
        return Int((maxID + Sitemap.postsPerChild - 1) / Sitemap.postsPerChild)
    }

    /// `/sitemap.xml`: the index of the pages sitemap and the post sitemaps; one query.
    func sitemapIndex() async throws -> RenderedPage {
        let children = try await sitemapPostsCount()
        let urls =
            [absolute(SiteRoute.canonicalPath(.sitemapPages))]
            + (0..<children).map { absolute(SiteRoute.canonicalPath(.sitemapPosts($0 + 1))) }
        return xml(SitemapIndex(sitemaps: urls).render())
    }

    /// `/sitemap-pages.xml`: home, the archive and its months, every tag and author with posts.
    func sitemapPages(settings: SiteSettings) async throws -> RenderedPage {
        async let months = store.archiveMonths(timeZone: settings.timeZone)
        async let tags = store.publicTags(limit: 50_000)
        async let authors = store.publicAuthors()
        var routes: [SiteRoute] = [.home(page: 1), .archive]
        routes += try await months.map { .archiveMonth($0, page: 1) }
        routes += try await tags.map { .tag(slug: $0.tag.slug, page: 1) }
        routes += try await authors.map { .author(slug: $0.slug, page: 1) }
        let entries = routes.map { Sitemap.Entry(url: absolute(SiteRoute.canonicalPath($0)), lastModified: nil) }
        return xml(Sitemap(entries: entries).render())
    }

    /// `/sitemap-posts-N.xml`: the public posts with ids in the child's range; 404 past the last.
    func sitemapPosts(_ number: Int) async throws -> RenderedPage? {
        guard number >= 1, number <= (try await sitemapPostsCount()) else { return nil }
        let first = Int64(number - 1) * Sitemap.postsPerChild + 1
        let links = try await store.publicPostLinks(ids: first...(first + Sitemap.postsPerChild - 1))
        let entries = links.map {
            Sitemap.Entry(url: absolute(SiteRoute.canonicalPath(.post(slug: $0.slug))), lastModified: $0.updatedAt)
        }
        return xml(Sitemap(entries: entries).render())
    }

    /// Sitemaps list every new or changed post (`.archive` is in every post write), and tags and
    /// authors as posts come and go.
    private func xml(_ text: String) -> RenderedPage {
        .document(.ok, text, contentType: "application/xml; charset=utf-8", dependencies: Self.feedDependencies)
    }

    /// Names only paths the site has: the newsroom, the APIs, members' pages, and search results
    /// (one page per query: endless addresses of nothing new to a crawler).
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
