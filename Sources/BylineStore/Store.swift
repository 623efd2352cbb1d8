import BylineCore
import Foundation

/// Everything the rest of Byline may ask of storage. No SQL lives outside this module, so a
/// second engine (PostgreSQL) implements this protocol without touching routes or importers.
///
/// "Public" queries return only published posts whose publication time has come by the store's
/// clock.
public protocol Store: Sendable {
    /// The site's settings; defaults until someone saves them.
    func settings() async throws -> SiteSettings
    func saveSettings(_ settings: SiteSettings) async throws

    /// Creates a post, or updates the post whose title matches (``TitleKey``): the import rule.
    /// Author and tags are found by name or created, all in one transaction.
    func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost

    /// Gives a post a new slug and keeps the old one redirecting to it.
    func changeSlug(postID: Int64, to slug: String) async throws -> String

    /// Number of posts in any status.
    func postCount() async throws -> Int

    func post(id: Int64) async throws -> Post?
    func publicPost(slug: String) async throws -> PostLookup
    func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary>
    func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)?
    func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)?
    /// Every public post, newest first, for the archive.
    func publicArchive() async throws -> [PostSummary]
    /// Tags with public posts, most used first.
    func publicTags(limit: Int) async throws -> [TagCount]
    /// Slugs of public posts by title key, for resolving READ ALSO links.
    func publicSlugs(forTitles titles: [String]) async throws -> [String: String]
    /// Public posts that share tags with `post`, most shared tags then newest first.
    func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary]

    /// The sequence number of the newest committed change (0 when none). Every write appends a
    /// change in its own transaction, so caches in this and other processes learn exactly what to drop.
    func latestChange() async throws -> Int64
    /// Changes after `sequence`, oldest first, at most `limit`.
    func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange]
    /// The earliest publication time after now of a published post: when the public site changes
    /// without a write (a post dated in the future comes due).
    func nextScheduledPublication() async throws -> Date?

    /// Every row of the site's content, ids kept, read in one consistent view.
    func snapshot() async throws -> SiteSnapshot
    /// Writes `snapshot` into this store in one transaction, ids kept. Refuses a store that
    /// already has content unless `replacing` is true, which deletes that content first.
    func restore(_ snapshot: SiteSnapshot, replacing: Bool) async throws
}
