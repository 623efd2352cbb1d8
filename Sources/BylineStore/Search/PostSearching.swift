import BylineCore

/// Full-text search over published posts (`/search`), as one reader may search them: a post
/// the reader may not read in full (``GatePolicy``) is found, ranked and quoted by its free
/// part only (title, tags, an excerpt that shows under the gate, the free preview), never by
/// the rest of its body.
public protocol PostSearching: Sendable {
    /// Published posts matching every required term of `query` and none of its exclusions,
    /// most relevant first (title matches weigh most), newest first among equals.
    /// - Parameters:
    ///   - audience: who searches; members and staff search gated posts whole.
    ///   - gate: the site's gate settings (the archive rule, the preview's length).
    func searchPosts(_ query: SearchQuery, audience: Audience, gate: GateSettings, page: PageRequest)
        async throws -> SearchResults
}

/// One page of search results.
public struct SearchResults: Sendable {
    /// Results are counted up to this many: an exact count of a common word over 100,000 posts
    /// would cost more than the search.
    public static let countLimit = 1_000

    /// ``Page/totalItems`` is at most ``countLimit``.
    public var page: Page<SearchHit>
    /// More posts matched than ``countLimit``; only the first ``countLimit`` can be paged to.
    public var isCountCapped: Bool

    public init(page: Page<SearchHit>, isCountCapped: Bool) {
        self.page = page
        self.isCountCapped = isCountCapped
    }
}

/// A post that matched, with the text its snippet may quote.
public struct SearchHit: Sendable, Equatable {
    public var post: PostSummary
    /// Plain text this reader may read: the whole body for an entitled reader, else the free
    /// preview (or the excerpt when that shows under the gate, or nothing).
    public var text: String

    public init(post: PostSummary, text: String) {
        self.post = post
        self.text = text
    }
}
