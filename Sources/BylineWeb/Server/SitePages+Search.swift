import BylineCore
import BylineStore
import Foundation

/// `/search?q=...&page=N`: the results of a full-text search, for the audience reading (the
/// store applies the gate: ``PostSearching``). Never cached, and `private` for everyone: the
/// page answers one reader's query, and a shared cache must not hand a member's results (which
/// may name gated posts by their whole text) to anyone else under the same URL.
extension SitePages {
    /// Results per page.
    static let searchResultsPerPage = 10

    func search(_ typed: String, page number: Int, site: SiteView) async throws -> RenderedPage {
        let query = SearchQuery.parse(typed)
        var view = SearchView(query: query)
        var pagination: PaginationView?
        if !query.isEmpty {
            let results = try await store.searchPosts(
                query, audience: audience, gate: site.settings.gate,
                page: PageRequest(number: number, perPage: Self.searchResultsPerPage))
            if results.page.items.isEmpty, number > 1 { return notFound(site: site) }
            let now = clock.now()
            let words = query.highlightedWords
            view.results = results.page.items.map { hit in
                let visibility = GatePolicy.effectiveVisibility(
                    hit.post.visibility, publishedAt: hit.post.publishedAt, settings: site.settings.gate, now: now)
                return SearchResultView(hit, words: words, dates: site.dates, visibility: visibility)
            }
            view.count = results.page.totalItems
            view.countText = SearchView.countText(results.page.totalItems, capped: results.isCountCapped)
            pagination = PaginationView(results.page) { SearchAddress.path(query: query.text, page: $0) }
        }
        let heading = query.text.isEmpty ? "Search" : "Search: \(query.text)"
        let meta = PageMeta(
            title: "\(heading) – \(site.settings.title)", ogTitle: heading,
            description: "Search the stories of \(site.settings.title).", canonical: absolute("/search"), noindex: true)
        var fields: [String: Any] = ["search": view]
        if let pagination { fields["pagination"] = pagination }
        return .html(.ok, theme.render("search", site.context(meta: meta, fields)), dependencies: [.site])
    }
}

/// What `search.mustache` reads: the query as typed (the template escapes it), a message when
/// there is nothing to search for, the count and the results.
struct SearchView {
    let query: String
    let hasQuery: Bool
    /// Part of the typed text was left out (``SearchQuery/maxLength``, ``SearchQuery/maxWords``).
    let isShortened: Bool
    let maxLength = SearchQuery.maxLength
    let maxWords = SearchQuery.maxWords
    var count = 0
    var countText = ""
    var results: [SearchResultView] = [] {
        // Stored, not computed: templates read stored properties only.
        didSet { hasResults = !results.isEmpty }
    }
    private(set) var hasResults = false

    init(query: SearchQuery) {
        self.query = query.text
        self.hasQuery = !query.isEmpty
        self.isShortened = query.isShortened
    }

    /// "1 result", "42 results", "More than 1,000 results" past the count's cap.
    static func countText(_ count: Int, capped: Bool) -> String {
        if capped { return "More than \(grouped(SearchResults.countLimit)) results" }
        return count == 1 ? "1 result" : "\(grouped(count)) results"
    }

    /// `1234` as "1,234".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}

/// One result: the post's title (its matching words marked), date, author and snippet. The
/// title and snippet HTML come from ``SearchSnippet``, which escapes before it marks.
struct SearchResultView {
    let titleHTML: String
    let url: String
    let dateISO: String
    let dateDisplay: String
    let authorName: String
    let authorUrl: String
    let snippetHTML: String
    let isGated: Bool
    let gateLabel: String

    init(_ hit: SearchHit, words: Set<String>, dates: DateText, visibility: Visibility) {
        let post = hit.post
        self.titleHTML = SearchSnippet.html(post.title, highlighting: words, length: 10_000)
        self.url = SiteRoute.canonicalPath(.post(slug: post.slug))
        self.dateISO = DateText.iso(post.publishedAt)
        self.dateDisplay = dates.display(post.publishedAt)
        self.authorName = post.author.name
        self.authorUrl = SiteRoute.canonicalPath(.author(slug: post.author.slug, page: 1))
        self.snippetHTML = SearchSnippet.html(hit.text, highlighting: words)
        self.isGated = visibility != .public
        self.gateLabel = visibility == .paid ? "Paid" : "Members"
    }
}

/// The search page's address: `q` and `page` in the query string, read leniently (a bad page
/// number is the first page, a bad escape is taken as typed) and written percent-encoded.
enum SearchAddress {
    /// `q` and `page` of a raw query string (`q=word+other&page=2`).
    static func parameters(_ query: String) -> (query: String, page: Int) {
        var text: String?
        var page: Int?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if name == "q", text == nil { text = value }
            if name == "page", page == nil { page = SiteRoute.pageNumber(value) ?? 1 }
        }
        return (text ?? "", page ?? 1)
    }

    static func decode(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Characters left as they are in a query string value.
    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// `/search?q=...` (and `&page=N` after the first page).
    static func path(query: String, page: Int) -> String {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        return "/search?q=\(encoded)" + (page > 1 ? "&page=\(page)" : "")
    }
}

extension SiteRoute {
    /// Search results: answered for one reader, never cached, `private` (see ``SearchAddress``).
    var isSearch: Bool {
        if case .search = self { return true }
        return false
    }
}
