import BylineCore
import BylineStore
import BylineWeb
import Foundation
import Synchronization

/// What the server reads, forwarded to a real store after `before` has seen the call's name
/// (e.g. `"publicPosts(tagSlug:_:)"`): a test counts calls there, or throws or hangs to stand
/// in for a failing database. `hiddenChanges` leaves those sequence numbers out of
/// `changes(after:limit:)`, as gaps in a PostgreSQL sequence would.
struct WrappedStore: SiteReading {
    let base: any SiteReading
    var hiddenChanges: Set<Int64> = []
    var before: @Sendable (String) async throws -> Void = { _ in }

    func settings() async throws -> SiteSettings {
        try await before(#function)
        return try await base.settings()
    }

    func saveSettings(_ settings: SiteSettings) async throws {
        try await before(#function)
        try await base.saveSettings(settings)
    }

    func publicPost(slug: String) async throws -> PostLookup {
        try await before(#function)
        return try await base.publicPost(slug: slug)
    }

    func publicPosts(_ page: PageRequest) async throws -> Page<PostSummary> {
        try await before(#function)
        return try await base.publicPosts(page)
    }

    func publicPosts(tagSlug: String, _ page: PageRequest) async throws -> (Tag, Page<PostSummary>)? {
        try await before(#function)
        return try await base.publicPosts(tagSlug: tagSlug, page)
    }

    func publicPosts(authorSlug: String, _ page: PageRequest) async throws -> (Author, Page<PostSummary>)? {
        try await before(#function)
        return try await base.publicPosts(authorSlug: authorSlug, page)
    }

    func publicPosts(in interval: DateInterval, _ page: PageRequest) async throws -> Page<PostSummary> {
        try await before(#function)
        return try await base.publicPosts(in: interval, page)
    }

    func archiveMonths(timeZone: TimeZone) async throws -> [ArchiveMonth] {
        try await before(#function)
        return try await base.archiveMonths(timeZone: timeZone)
    }

    func publicTags(limit: Int) async throws -> [TagCount] {
        try await before(#function)
        return try await base.publicTags(limit: limit)
    }

    func publicSlugs(forTitles titles: [String]) async throws -> [String: String] {
        try await before(#function)
        return try await base.publicSlugs(forTitles: titles)
    }

    func relatedPosts(to post: Post, limit: Int) async throws -> [PostSummary] {
        try await before(#function)
        return try await base.relatedPosts(to: post, limit: limit)
    }

    func latestPublicPosts(limit: Int) async throws -> [Post] {
        try await before(#function)
        return try await base.latestPublicPosts(limit: limit)
    }

    func latestPublicPosts(_ scope: FeedScope, limit: Int) async throws -> ScopedPosts? {
        try await before(#function)
        return try await base.latestPublicPosts(scope, limit: limit)
    }

    func publicPostLinks(ids: ClosedRange<Int64>) async throws -> [PostLink] {
        try await before(#function)
        return try await base.publicPostLinks(ids: ids)
    }

    func maxPostID() async throws -> Int64 {
        try await before(#function)
        return try await base.maxPostID()
    }

    func publicAuthors() async throws -> [Author] {
        try await before(#function)
        return try await base.publicAuthors()
    }

    func searchPosts(_ query: SearchQuery, audience: Audience, gate: GateSettings, page: PageRequest)
        async throws -> SearchResults
    {
        try await before(#function)
        return try await base.searchPosts(query, audience: audience, gate: gate, page: page)
    }

    func latestChange() async throws -> Int64 {
        try await before(#function)
        return try await base.latestChange()
    }

    func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange] {
        try await before(#function)
        return try await base.changes(after: sequence, limit: limit).filter { !hiddenChanges.contains($0.sequence) }
    }

    func pruneChanges(recordedBefore date: Date) async throws -> Int {
        try await before(#function)
        return try await base.pruneChanges(recordedBefore: date)
    }
}

/// The names of the store calls a ``WrappedStore`` saw, for `before`.
final class CallLog: Sendable {
    private let calls = Mutex<[String]>([])

    func record(_ name: String) { calls.withLock { $0.append(name) } }

    /// Calls recorded so far, leaving out the change log's, which the watcher makes on its own.
    var pageCalls: [String] {
        calls.withLock { $0 }.filter {
            !["latestChange()", "changes(after:limit:)"].contains($0)
        }
    }

    func reset() { calls.withLock { $0.removeAll() } }
}

/// A failure that is not the database being away: a bug, a bad row.
struct BrokenRendering: Error {}
