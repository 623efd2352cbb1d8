import BylineCore

/// The public site's URL layout (DESIGN.md, "Public URLs"), parsed from a raw request path.
/// Pure, so every URL rule is testable without a server.
public enum SiteRoute: Equatable, Sendable {
    case home(page: Int)
    case post(slug: String)
    case tag(slug: String, page: Int)
    case author(slug: String, page: Int)
    case archive
    case rss
    case jsonFeed
    case sitemap
    case robots
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
        let hasSlash = path.hasSuffix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .dropLast(hasSlash ? 1 : 0).map(String.init)
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
        case .post(let slug): "/\(slug)/"
        case .tag(let slug, let page): "/tag/\(slug)/" + (page <= 1 ? "" : "page/\(page)/")
        case .author(let slug, let page): "/author/\(slug)/" + (page <= 1 ? "" : "page/\(page)/")
        case .archive: "/archive/"
        case .rss: "/rss/"
        case .jsonFeed: "/feed.json"
        case .sitemap: "/sitemap.xml"
        case .robots: "/robots.txt"
        case .asset(let name): "/assets/\(name)"
        case .health: "/healthz"
        case .metrics: "/metrics"
        case .redirect(let target): target
        case .notFound: "/"
        }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200
            && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// "2".."99999"; "1" maps to the first page; leading zeros and junk are not pages.
    static func pageNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.first != "0", text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int(text)
        else { return nil }
        return number
    }
}
