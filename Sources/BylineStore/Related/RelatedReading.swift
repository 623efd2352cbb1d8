import BylineCore
import Foundation

/// What an article page reads about related posts: one indexed read of its stored list.
public protocol RelatedReading: PublicReading {
    /// The public posts of `post`'s stored related list, best first (up to
    /// ``RelatedStories/listLength``); when no list is stored yet, today's tag rule
    /// (``PublicReading/relatedPosts(to:limit:)``) with `limit` posts instead.
    func relatedStories(to post: Post, limit: Int) async throws -> RelatedStories
}

extension RelatedReading {
    /// A store without related lists: the tag rule alone.
    public func relatedStories(to post: Post, limit: Int) async throws -> RelatedStories {
        RelatedStories(ranked: [], fallback: try await relatedPosts(to: post, limit: limit))
    }
}

/// Related posts as an article page gets them.
public struct RelatedStories: Sendable, Equatable {
    /// How many related posts a list keeps: the READ ALSO link and three "More stories", with
    /// room for posts some readers may not open.
    public static let listLength = 6

    /// From the stored list, best first: public posts only (published, their time come), but
    /// gated ones included; the page picks what its audience may open.
    public var ranked: [PostSummary]
    /// The tag rule's posts when no list is stored yet.
    public var fallback: [PostSummary]

    public init(ranked: [PostSummary], fallback: [PostSummary]) {
        self.ranked = ranked
        self.fallback = fallback
    }
}

extension RelatedStories {
    /// "More stories": the stored list's first `limit` posts but `excluding` (the one an
    /// automatic READ ALSO already links), else the tag rule's.
    public func moreStories(limit: Int, excluding: Int64?) -> [PostSummary] {
        guard !ranked.isEmpty else { return Array(fallback.prefix(limit)) }
        return Array(ranked.lazy.filter { $0.id != excluding }.prefix(limit))
    }
}
