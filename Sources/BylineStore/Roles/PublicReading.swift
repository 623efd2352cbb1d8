import BylineCore
import Foundation

/// What the public site reads. Only published posts whose publication time has come by the
/// store's clock are public. Every query is an index lookup or a bounded range scan, so pages
/// cost the same at 1,000 posts as at 100,000.
public protocol PublicReading: Sendable {
    func publicPost(slug: String) async throws -> PostLookup
    /// Newest first.
    func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary>
    func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)?
    func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)?
    /// Public posts published in `interval` (start included, end not), newest first.
    func publicPosts(in interval: DateInterval, _ page: PageRequest) async throws -> Page<PostSummary>
    /// The months that have public posts, newest first, as calendar months of `timeZone`.
    func archiveMonths(timeZone: TimeZone) async throws -> [ArchiveMonth]
    /// Tags with published posts, most used first (a post dated in the future counts already).
    func publicTags(limit: Int) async throws -> [TagCount]
    /// Slugs of public posts by title key, for resolving READ ALSO links.
    func publicSlugs(forTitles titles: [String]) async throws -> [String: String]
    /// Public posts that share tags with `post`, most shared tags then newest, chosen among the
    /// newest posts of each of its tags; the latest posts fill any places left.
    func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary]
    /// The newest public posts with their bodies, for feeds.
    func latestPublicPosts(limit: Int) async throws -> [Post]
    /// The newest public posts of one tag or author with their bodies, for their feeds; nil
    /// when there is no such tag or author. The same index walks as their listing pages.
    func latestPublicPosts(_ scope: FeedScope, limit: Int) async throws -> ScopedPosts?
    /// Public posts whose ids fall in `ids`, by id: one child sitemap.
    func publicPostLinks(ids: ClosedRange<Int64>) async throws -> [PostLink]
    /// The highest post id in use (0 when none): how many child sitemaps there are.
    func maxPostID() async throws -> Int64
    /// Authors with published posts, by name.
    func publicAuthors() async throws -> [Author]
}

/// Where a post lives and when it last changed: a sitemap entry.
public struct PostLink: Sendable, Equatable {
    public var slug: String
    public var updatedAt: Date

    public init(slug: String, updatedAt: Date) {
        self.slug = slug
        self.updatedAt = updatedAt
    }
}
