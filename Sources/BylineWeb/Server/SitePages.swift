import BylineCore
import BylineStore
import Foundation

/// Builds each public page: asks the store, shapes view contexts, renders the theme.
struct SitePages: Sendable {
    let store: any SiteReading
    /// Settings and navigation, held in memory.
    let chrome: SiteChrome
    let theme: Theme
    let options: SiteOptions
    let clock: any WallClock
    /// Who the pages are for: the gate cuts what this audience may not read (``GatedPost``).
    var audience: Audience = .anonymous

    /// These pages as `audience` gets them.
    func reading(as audience: Audience) -> SitePages {
        var pages = self
        pages.audience = audience
        return pages
    }

    func render(_ route: SiteRoute) async throws -> RenderedPage {
        if route == .robots { return robots() }
        // Every page waits until the change watcher has started (see ``SiteChrome``).
        let chrome = try await chrome.current()
        switch route {
        case .rss: return try await rss(settings: chrome.settings)
        case .jsonFeed: return try await jsonFeed(settings: chrome.settings)
        case .sitemap: return try await sitemapIndex()
        case .sitemapPages: return try await sitemapPages(settings: chrome.settings)
        case .sitemapPosts(let number):
            if let sitemap = try await sitemapPosts(number) { return sitemap }
        case .scopedFeed(let scope):
            if let feed = try await scopedRSS(scope, settings: chrome.settings) { return feed }
        default: break
        }
        let site = siteView(chrome)
        switch route {
        case .home(let page): return try await home(page: page, site: site)
        case .post(let slug): return try await post(slug: slug, site: site)
        case .tag(let slug, let page): return try await tag(slug: slug, page: page, site: site)
        case .author(let slug, let page): return try await author(slug: slug, page: page, site: site)
        case .archive: return try await archive(site: site)
        case .archiveMonth(let month, let page): return try await archive(month, page: page, site: site)
        case .search(let query, let page): return try await search(query, page: page, site: site)
        case .asset, .health, .metrics, .redirect, .notFound, .rss, .jsonFeed, .scopedFeed, .sitemap, .sitemapPages,
            .sitemapPosts, .robots:
            return notFound(site: site)
        }
    }

    /// The site-wide parts of a page, from memory.
    func siteView(_ chrome: SiteChrome.Value) -> SiteView {
        var site = SiteView(
            settings: chrome.settings, navTags: chrome.navTags, stylesheet: theme.stylesheet.path,
            year: DateText(timeZone: chrome.settings.timeZone).year(clock.now()), audience: audience)
        site.siteImages = chrome.siteImages
        return site
    }

    func absolute(_ path: String) -> String { options.publicURL + path }

    func home(page number: Int, site: SiteView) async throws -> RenderedPage {
        let page = try await store.publicPosts(PageRequest(number: number, perPage: site.settings.postsPerPage))
        if page.items.isEmpty, number > 1 { return notFound(site: site) }
        let title = number == 1 ? site.settings.title : "\(site.settings.title) — page \(number)"
        var meta = PageMeta(
            title: title, ogTitle: title, description: site.settings.description,
            canonical: absolute(SiteRoute.canonicalPath(.home(page: number))))
        meta.setImage(site.shareImage.map(shareImage), alt: site.settings.title)
        var freshness = PageFreshness()
        let images = try await imageLookup(featureImages: page.items.map(\.featureImage))
        let posts = cards(
            page.items, site: site, leadFirst: number == 1, images: images.byFingerprint, freshness: &freshness)
        return ok(
            "home", dependsOn: [.home], validUntil: freshness.validUntil,
            site.context(
                meta: meta,
                [
                    "posts": posts,
                    "isFirstPage": number == 1,
                    "pagination": PaginationView(page) { SiteRoute.canonicalPath(.home(page: $0)) },
                ]))
    }

    func post(slug: String, site: SiteView) async throws -> RenderedPage {
        let post: Post
        switch try await store.publicPost(slug: slug) {
        case .found(let found): post = found
        case .moved(let newSlug): return .moved(to: SiteRoute.canonicalPath(.post(slug: newSlug)))
        case .missing: return notFound(site: site)
        }
        return try await article(post, site: site)
    }

    /// A feature image address as crawlers need it: paths on this site made absolute.
    func absoluteImage(_ url: String) -> String { url.hasPrefix("/") ? absolute(url) : url }

    /// An article page for `post` as this audience gets it (``GatedPost``): the public page, and
    /// the newsroom's preview of any post (`noindex`, rendered for staff: the whole post as
    /// members will read it; the editor's own preview pane marks where the free preview ends).
    func article(_ stored: Post, site: SiteView, noindex: Bool = false) async throws -> RenderedPage {
        // The gate first: nothing below sees text this audience may not read.
        let gated = GatedPost.apply(stored, for: audience, settings: site.settings.gate, now: clock.now())
        let post = gated.post
        async let resolved = ResolvedBody.html(post, store: store)
        async let related = store.relatedStories(to: post, limit: 3)
        let stories = try await related
        // Without an editor's READ ALSO, one to the best related post this audience can open.
        let autoReadAlso = AutoReadAlso.target(
            for: stored, isLocked: gated.isLocked, among: stories.ranked, audience: audience,
            gate: site.settings.gate, now: clock.now())
        let resolvedHTML = try await resolved
        let placed = ResolvedBody.placing(readAlso: autoReadAlso, in: resolvedHTML)
        let bodyHTML = placed ?? resolvedHTML
        // Related stories: the stored list (less the post linked above), else the post's tags.
        let relatedPosts = stories.moreStories(limit: 3, excluding: placed == nil ? nil : autoReadAlso?.id)
        let images = try await imageLookup(
            featureImages: [post.featureImage] + relatedPosts.map(\.featureImage),
            ids: [post.author.imageID].compactMap { $0 })
        let view = PostView(post, bodyHTML: bodyHTML, dates: site.dates, images: images)
        let canonical = absolute(view.url)
        // A shared link's picture: the feature image as a ~1200 px JPEG, else the site's own.
        let share: (url: String, width: Int, height: Int)? =
            if let fingerprint = ImagePath.fingerprint(inURL: post.featureImage),
                let image = images.byFingerprint[fingerprint]
            {
                shareImage(image)
            } else if !post.featureImage.isEmpty {
                (absoluteImage(post.featureImage), 0, 0)
            } else {
                site.shareImage.map(shareImage)
            }
        let jsonLD = ArticleJSONLD(
            headline: post.title, description: post.excerpt, datePublished: view.dateISO, dateModified: view.updatedISO,
            author: [.init(name: post.author.name, url: absolute(view.authorUrl))],
            publisher: .init(
                name: site.settings.title, url: absolute("/"),
                logo: site.logoImage.map {
                    absolute($0.variantPath(width: $0.variantWidth(closestTo: 600), format: "jpg"))
                }),
            mainEntityOfPage: canonical,
            articleSection: post.tags.first?.name, keywords: post.tags.map(\.name),
            image: share?.url, isAccessibleForFree: !gated.isGated, hasPart: gated.isGated ? [.gatedSection] : nil)
        var meta = PageMeta(
            title: "\(post.title) – \(site.settings.title)", ogTitle: post.title, description: post.excerpt,
            canonical: canonical, ogType: "article", publishedISO: view.dateISO, jsonLD: jsonLD.scriptText())
        meta.noindex = noindex
        meta.setImage(share, alt: post.featureImage.isEmpty ? site.settings.title : post.featureImageAlt)
        var dependencies: Set<ChangeKey> = [.post(post.id), .author(post.author.id)]
        dependencies.formUnion(post.body.readAlsoTitles.map { .title(TitleKey.make($0)) })
        dependencies.formUnion(relatedPosts.map { .post($0.id) })
        // Every listed post: the link moves when one is retitled, unpublished or opened up.
        dependencies.formUnion(stories.ranked.map { .post($0.id) })
        dependencies.formUnion(post.tags.isEmpty ? [.home] : post.tags.map { .tag($0.id) })
        var freshness = PageFreshness()
        freshness.note(gated.changesAt)
        for listed in stories.ranked {
            // The archive rule may gate a linked post later: the page is good until then.
            freshness.note(
                GatePolicy.changesAt(
                    listed.visibility, publishedAt: listed.publishedAt, settings: site.settings.gate, now: clock.now()))
        }
        var fields: [String: Any] = [
            "post": view, "share": ShareView(url: canonical, title: post.title),
            "related": cards(
                relatedPosts, site: site, leadFirst: false, images: images.byFingerprint, freshness: &freshness),
            // The subscribe box asks anonymous readers; a locked post has the gate's form instead.
            "showSubscribeBox": audience == .anonymous && !gated.isLocked,
            // Entitled readers of a gated post: the part JSON-LD's hasPart names.
            "isGatedContent": gated.isGated && !gated.isLocked,
        ]
        if gated.isLocked { fields["gate"] = GateView(articlePath: view.url, visibility: gated.visibility) }
        if let note = site.settings.demoNote.text(forPost: post.id) { fields["demoNote"] = note }
        // Comments, for readers who may read the article (the discussion is part of it).
        if !gated.isLocked, site.settings.comments.enabled, let comments = store as? any CommentStore {
            let threads = try await comments.publishedComments(postID: post.id, limit: CommentSectionView.threadLimit)
            fields["comments"] = CommentSectionView(
                postID: post.id, articlePath: view.url, threads: threads, audience: audience, dates: site.dates)
        }
        let gate = site.settings.gate
        if audience == .anonymous, !gated.isGated, gate.overlayEnabled, let script = theme.script {
            fields["overlay"] = OverlayView(
                scrollPercent: gate.overlayScrollPercent, dismissDays: gate.overlayDismissDays, returnPath: view.url)
            fields["readerScript"] = script.path
        }
        return ok(
            "post", dependsOn: dependencies, validUntil: freshness.validUntil,
            site.context(meta: meta, currentTagSlug: post.tags.first?.slug, fields))
    }

    func tag(slug: String, page number: Int, site: SiteView) async throws -> RenderedPage {
        let request = PageRequest(number: number, perPage: site.settings.postsPerPage)
        guard let (tag, page) = try await store.publicPosts(tagSlug: slug, request),
            !page.items.isEmpty || number == 1
        else { return notFound(site: site) }
        let owner = ArchiveOwnerView(
            name: tag.name, url: SiteRoute.canonicalPath(.tag(slug: slug, page: 1)), description: tag.description,
            bio: "", postCount: page.totalItems)
        let images = try await imageLookup(featureImages: page.items.map(\.featureImage))
        return listing(
            "tag", owner: owner, page: page, site: site, dependsOn: .tag(tag.id), currentTagSlug: slug,
            description: tag.description.isEmpty ? "\(tag.name) stories from \(site.settings.title)." : tag.description,
            feed: .tag(slug: slug), images: images
        ) { .tag(slug: slug, page: $0) }
    }

    func author(slug: String, page number: Int, site: SiteView) async throws -> RenderedPage {
        let request = PageRequest(number: number, perPage: site.settings.postsPerPage)
        guard let (author, page) = try await store.publicPosts(authorSlug: slug, request),
            !page.items.isEmpty || number == 1
        else { return notFound(site: site) }
        var owner = ArchiveOwnerView(
            name: author.name, url: SiteRoute.canonicalPath(.author(slug: slug, page: 1)), description: "",
            bio: author.bio, postCount: page.totalItems)
        let images = try await imageLookup(
            featureImages: page.items.map(\.featureImage), ids: [author.imageID].compactMap { $0 })
        owner.picture = images.authorPicture(author)
        return listing(
            "author", owner: owner, page: page, site: site, dependsOn: .author(author.id), ogType: "profile",
            description: author.bio.isEmpty ? "Stories by \(author.name) for \(site.settings.title)." : author.bio,
            feed: .author(slug: slug), images: images
        ) { .author(slug: slug, page: $0) }
    }

    /// A tag's or an author's paginated list of posts; the template sees the owner under its own name.
    private func listing(
        _ template: String, owner: ArchiveOwnerView, page: Page<PostSummary>, site: SiteView,
        dependsOn key: ChangeKey, currentTagSlug: String? = nil, ogType: String = "website", description: String,
        feed: FeedScope? = nil, images: ImageLookup, route: (Int) -> SiteRoute
    ) -> RenderedPage {
        let number = page.number
        let title = owner.name + (number > 1 ? " — page \(number)" : "") + " – \(site.settings.title)"
        var meta = PageMeta(
            title: title, ogTitle: owner.name, description: description,
            canonical: absolute(SiteRoute.canonicalPath(route(number))), ogType: ogType)
        meta.feedURL = feed.map { SiteRoute.canonicalPath(.scopedFeed($0)) }
        meta.feedTitle = "\(owner.name) – \(site.settings.title)"
        if let picture = owner.picture, let id = images.byID.keys.first, let image = images.byID[id] {
            meta.setImage(shareImage(image), alt: picture.alt)
        } else {
            meta.setImage(site.shareImage.map(shareImage), alt: site.settings.title)
        }
        var freshness = PageFreshness()
        let posts = cards(
            page.items, site: site, leadFirst: false, images: images.byFingerprint, freshness: &freshness)
        return ok(
            template, dependsOn: [key], validUntil: freshness.validUntil,
            site.context(
                meta: meta, currentTagSlug: currentTagSlug,
                [
                    template: owner, "posts": posts,
                    "pagination": PaginationView(page) { SiteRoute.canonicalPath(route($0)) },
                ]))
    }

    /// `/archive/`: the months that have posts, newest first, by year.
    func archive(site: SiteView) async throws -> RenderedPage {
        let months = try await store.archiveMonths(timeZone: site.settings.timeZone)
        let meta = PageMeta(
            title: "Archive – \(site.settings.title)", ogTitle: "Archive",
            description: "Every story published on \(site.settings.title), by month.",
            canonical: absolute(SiteRoute.canonicalPath(.archive)))
        return ok("archive", dependsOn: [.archive], site.context(meta: meta, ["years": ArchiveYearView.group(months)]))
    }

    /// `/archive/YYYY/MM/`: one month's posts, newest first, paginated; 404 when it has none.
    func archive(_ month: ArchiveMonth, page number: Int, site: SiteView) async throws -> RenderedPage {
        let interval = month.interval(timeZone: site.settings.timeZone)
        let page = try await store.publicPosts(
            in: interval, PageRequest(number: number, perPage: site.settings.postsPerPage))
        guard !page.items.isEmpty else { return notFound(site: site) }
        let label = DateText.monthLabel(month)
        let title = "\(label)" + (number > 1 ? " — page \(number)" : "") + " – \(site.settings.title)"
        let meta = PageMeta(
            title: title, ogTitle: label, description: "Stories published on \(site.settings.title) in \(label).",
            canonical: absolute(SiteRoute.canonicalPath(.archiveMonth(month, page: number))))
        let view = ArchiveMonthView(
            label: label, url: SiteRoute.canonicalPath(.archiveMonth(month, page: 1)), postCount: page.totalItems,
            posts: page.items.map { ArchiveMonthView.Entry($0, dates: site.dates) })
        return ok(
            "archive-month", dependsOn: [.archive],
            site.context(
                meta: meta,
                [
                    "month": view,
                    "pagination": PaginationView(page) { SiteRoute.canonicalPath(.archiveMonth(month, page: $0)) },
                ]))
    }

    func notFound(site: SiteView) -> RenderedPage {
        let meta = PageMeta(
            title: "Page not found – \(site.settings.title)", ogTitle: "Page not found",
            description: site.settings.description, canonical: absolute("/"), noindex: true)
        let context = site.context(
            meta: meta,
            [
                "status": 404, "heading": "Page not found",
                "message": "There is no page at this address. It may have moved, or the link may be mistyped.",
            ])
        return .html(.notFound, theme.render("error", context), dependencies: [])
    }

    /// A page and what it was built from; every page also shows site settings and navigation.
    private func ok(
        _ template: String, dependsOn keys: Set<ChangeKey>, validUntil: Date? = nil, _ context: [String: Any]
    ) -> RenderedPage {
        .html(.ok, theme.render(template, context), dependencies: keys.union([.site]), validUntil: validUntil)
    }

    /// Cards marked when their post is behind the gate now; the mark changes when the archive
    /// rule catches a post, so `freshness` learns when.
    private func cards(
        _ posts: [PostSummary], site: SiteView, leadFirst: Bool, images: [String: StoredImage],
        freshness: inout PageFreshness
    ) -> [PostCardView] {
        let now = clock.now()
        let gate = site.settings.gate
        return posts.enumerated().map { offset, post in
            freshness.note(
                GatePolicy.changesAt(post.visibility, publishedAt: post.publishedAt, settings: gate, now: now))
            let visibility = GatePolicy.effectiveVisibility(
                post.visibility, publishedAt: post.publishedAt, settings: gate, now: now)
            var shown = post
            if visibility != .public, !post.excerptInPreview { shown.excerpt = "" }
            // Comments switched off site-wide: no "N comments" on cards (saving settings drops
            // every page, so the cards follow the switch).
            if !site.settings.comments.enabled { shown.commentCount = 0 }
            return PostCardView(
                shown, dates: site.dates, isLead: leadFirst && offset == 0, visibility: visibility, images: images)
        }
    }
}
