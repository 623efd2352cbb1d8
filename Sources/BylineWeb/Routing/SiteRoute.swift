import BylineCore

/// The public site's URL layout (DESIGN.md, "Public URLs"), parsed from a raw request path.
/// Pure, so every URL rule is testable without a server.
public enum SiteRoute: Equatable, Sendable {
    case home(page: Int)
    case post(slug: String)
    case tag(slug: String, page: Int)
    case author(slug: String, page: Int)
    /// `/archive/`: the months that have posts.
    case archive
    /// `/archive/YYYY/MM/`, paginated: one month's posts.
    case archiveMonth(ArchiveMonth, page: Int)
    case rss
    /// `/tag/<slug>/rss/` and `/author/<slug>/rss/`: one tag's or author's newest posts.
    case scopedFeed(FeedScope)
    case jsonFeed
    /// `/sitemap.xml`: the sitemap index.
    case sitemap
    /// `/sitemap-pages.xml`: home, archive, tags and authors.
    case sitemapPages
    /// `/sitemap-posts-N.xml`: public posts with ids in `(N-1)*1000+1 ... N*1000`.
    case sitemapPosts(Int)
    case robots
    /// `/search?q=...&page=N`: search results, never cached (``SearchAddress``).
    case search(query: String, page: Int)
    case asset(name: String)
    case health
    case metrics
    /// The canonical form of a content URL (trailing slash added, `/page/1/` dropped): answer 301.
    case redirect(to: String)
    case notFound

    /// Longest path the site answers; longer ones get 414.
    public static let maxPathLength = 2048

    public static func parse(_ path: String) -> SiteRoute {
        guard path.hasPrefix("/") else { return .notFound }
        if path == "/" { return .home(page: 1) }
        if path == "/healthz" { return .health }
        if path == "/metrics" { return .metrics }
        if path == "/feed.json" { return .jsonFeed }
        if path == "/sitemap.xml" { return .sitemap }
        if path == "/robots.txt" { return .robots }
        if path == "/search" { return .search(query: "", page: 1) }
        if path == "/sitemap-pages.xml" { return .sitemapPages }
        if let number = sitemapPostsNumber(path) { return .sitemapPosts(number) }
        let hasSlash = path.hasSuffix("/")
        // Slugs in scripts without an ASCII form ("東京") travel percent-encoded: decoded here,
        // encoded again by ``canonicalPath(_:)``, which any other spelling redirects to.
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().dropLast(hasSlash ? 1 : 0)
        let decoded = raw.map { PathSegment.decode($0) }
        guard !decoded.contains(where: { $0 == nil }) else { return .notFound }
        let segments = decoded.compactMap { $0 }
        // Empty segments ("//") never name content.
        guard !segments.isEmpty, !segments.contains(where: \.isEmpty) else { return .notFound }

        if segments[0] == "assets" {
            return segments.count == 2 && !hasSlash ? .asset(name: segments[1]) : .notFound
        }
        guard let route = contentRoute(segments) else { return .notFound }
        let canonical = canonicalPath(route)
        if canonical != path { return .redirect(to: canonical) }
        return route
    }

    /// The route of `path` with its query string: `/search` takes its `q` and `page` from it.
    public static func parse(_ path: String, query: String?) -> SiteRoute {
        let route = parse(path)
        guard case .search = route else { return route }
        let parameters = SearchAddress.parameters(query ?? "")
        return .search(query: parameters.query, page: parameters.page)
    }

    /// Content routes, whatever the trailing slash.
    private static func contentRoute(_ segments: [String]) -> SiteRoute? {
        switch segments.count {
        case 1:
            let name = segments[0]
            if name == "archive" { return .archive }
            if name == "rss" { return .rss }
            guard isSlug(name), !Slug.reserved.contains(name) else { return nil }
            return .post(slug: name)
        case 2 where segments[0] == "page":
            return pageNumber(segments[1]).map { .home(page: $0) }
        case 2 where segments[0] == "tag" && isSlug(segments[1]):
            return .tag(slug: segments[1], page: 1)
        case 2 where segments[0] == "author" && isSlug(segments[1]):
            return .author(slug: segments[1], page: 1)
        case 3 where (segments[0] == "tag" || segments[0] == "author") && segments[2] == "rss" && isSlug(segments[1]):
            return .scopedFeed(segments[0] == "tag" ? .tag(slug: segments[1]) : .author(slug: segments[1]))
        case 3 where segments[0] == "archive":
            return archiveMonth(year: segments[1], month: segments[2]).map { .archiveMonth($0, page: 1) }
        case 5 where segments[0] == "archive" && segments[3] == "page":
            guard let month = archiveMonth(year: segments[1], month: segments[2]), let page = pageNumber(segments[4])
            else { return nil }
            return .archiveMonth(month, page: page)
        case 4 where segments[2] == "page" && isSlug(segments[1]):
            guard let page = pageNumber(segments[3]) else { return nil }
            if segments[0] == "tag" { return .tag(slug: segments[1], page: page) }
            if segments[0] == "author" { return .author(slug: segments[1], page: page) }
            return nil
        default:
            return nil
        }
    }

    /// The one URL each content page lives at.
    public static func canonicalPath(_ route: SiteRoute) -> String {
        switch route {
        case .home(let page): page <= 1 ? "/" : "/page/\(page)/"
        case .post(let slug): "/\(PathSegment.encode(slug))/"
        case .tag(let slug, let page): "/tag/\(PathSegment.encode(slug))/" + (page <= 1 ? "" : "page/\(page)/")
        case .author(let slug, let page):
            "/author/\(PathSegment.encode(slug))/" + (page <= 1 ? "" : "page/\(page)/")
        case .archive: "/archive/"
        case .archiveMonth(let month, let page):
            "/archive/\(padded(month.year, 4))/\(padded(month.month, 2))/" + (page <= 1 ? "" : "page/\(page)/")
        case .rss: "/rss/"
        case .scopedFeed(.tag(let slug)): "/tag/\(PathSegment.encode(slug))/rss/"
        case .scopedFeed(.author(let slug)): "/author/\(PathSegment.encode(slug))/rss/"
        case .jsonFeed: "/feed.json"
        case .sitemap: "/sitemap.xml"
        case .sitemapPages: "/sitemap-pages.xml"
        case .sitemapPosts(let number): "/sitemap-posts-\(number).xml"
        case .robots: "/robots.txt"
        case .search(let query, let page): SearchAddress.path(query: query, page: page)
        case .asset(let name): "/assets/\(name)"
        case .health: "/healthz"
        case .metrics: "/metrics"
        case .redirect(let target): target
        case .notFound: "/"
        }
    }

    /// Whether `text` could be a slug (``Slug/isWellFormed(_:)`` without its length bound, which
    /// the store checks): lowercase ASCII words, or letters of scripts without an ASCII form.
    static func isSlug(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 800 else { return false }
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) {
            return true
        }
        return Slug.isWellFormed(text)
    }

    /// `number` in decimal with leading zeros up to `width` digits.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// "2026", "05": four digits and two, naming a real month.
    static func archiveMonth(year: String, month: String) -> ArchiveMonth? {
        guard year.utf8.count == 4, month.utf8.count == 2, (year + month).utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let yearNumber = Int(year), let monthNumber = Int(month)
        else { return nil }
        let archiveMonth = ArchiveMonth(year: yearNumber, month: monthNumber)
        return archiveMonth.isValid ? archiveMonth : nil
    }

    /// N of `/sitemap-posts-N.xml`: 1 or more, no leading zeros or junk.
    static func sitemapPostsNumber(_ path: String) -> Int? {
        let prefix = "/sitemap-posts-"
        let suffix = ".xml"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.utf8.count > prefix.utf8.count + suffix.utf8.count
        else { return nil }
        let digits = path.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count <= 9, digits.first != "0", digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(digits)
    }

    /// "2".."99999"; "1" maps to the first page; leading zeros and junk are not pages.
    static func pageNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.first != "0", text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int(text)
        else { return nil }
        return number
    }
}
