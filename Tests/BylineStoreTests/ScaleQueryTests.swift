import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The queries that replaced scans of every post (archive months, counts kept on write,
/// related posts from tag indexes, sitemap ranges, feeds), the slug rules and change pruning.
@Suite struct ScaleQueryTests {
    /// Renaming post B to post A's old slug used to delete A's redirect: A's old links broke.
    @Test(arguments: StoreKind.allCases) func anotherPostsOldSlugIsTakenOnlyWhenAsked(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let a = try await temp.store.upsertPost(matchingTitle: input("First Story"))
            let b = try await temp.store.upsertPost(matchingTitle: input("Second Story"))
            _ = try await temp.store.changeSlug(postID: a.id, to: "first-renamed")
            await #expect(throws: StoreError.slugTaken("first-story")) {
                try await temp.store.changeSlug(postID: b.id, to: "first-story")
            }
            #expect(try await temp.store.publicPost(slug: "first-story") == .moved(to: "first-renamed"))
            #expect(
                try await temp.store.changeSlug(postID: b.id, to: "first-story", takingOverRedirect: true)
                    == "first-story")
            guard case .found(let post) = try await temp.store.publicPost(slug: "first-story") else {
                Issue.record("the taken-over slug does not lead to post B")
                return
            }
            #expect(post.id == b.id)
            // B's own old slug still redirects to B.
            #expect(try await temp.store.publicPost(slug: "second-story") == .moved(to: "first-story"))
        }
    }

    @Test(arguments: StoreKind.allCases) func archiveMonthsAndMonthPagesFollowTheSiteTimeZone(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let zone = try #require(TimeZone(identifier: "Europe/Istanbul"))  // UTC+3
            func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
            // 22:30 UTC on 31 March is 1 April in Istanbul.
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Late March UTC", publishedAt: date("2026-03-31T22:30:00Z")))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Mid March", publishedAt: date("2026-03-15T12:00:00Z")))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("January", publishedAt: date("2026-01-10T12:00:00Z")))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Hidden Draft", publishedAt: date("2026-02-10T12:00:00Z"), status: .draft))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Future", publishedAt: temp.clock.now() + 86400 * 400))
            let months = try await temp.store.archiveMonths(timeZone: zone)
            #expect(months == [.init(year: 2026, month: 4), .init(year: 2026, month: 3), .init(year: 2026, month: 1)])
            let march = try await temp.store.publicPosts(
                in: ArchiveMonth(year: 2026, month: 3).interval(timeZone: zone), PageRequest(number: 1, perPage: 10))
            #expect(march.items.map(\.title) == ["Mid March"])
            #expect(march.totalItems == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func countsKeptOnWriteMatchTheListings(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let now = temp.clock.now()
            _ = try await temp.store.upsertPost(matchingTitle: input("One", author: "Ana", tags: ["Europe", "Energy"]))
            _ = try await temp.store.upsertPost(matchingTitle: input("Two", author: "Ana", tags: ["Europe"]))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Later", author: "Ana", tags: ["Europe"], publishedAt: now + 3600))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Drafted", author: "Ana", tags: ["Europe"], status: .draft))
            let page = PageRequest(number: 1, perPage: 10)
            #expect(try await temp.store.publicPosts(page).totalItems == 2)
            #expect(try await temp.store.publicPosts(tagSlug: "europe", page)?.1.totalItems == 2)
            #expect(try await temp.store.publicPosts(authorSlug: "ana", page)?.1.totalItems == 2)
            // Moving a post to another author and tag moves its counts; unpublishing removes them.
            _ = try await temp.store.upsertPost(matchingTitle: input("Two", author: "Ben", tags: ["Energy"]))
            _ = try await temp.store.upsertPost(
                matchingTitle: input("One", author: "Ana", tags: ["Europe"], status: .draft))
            #expect(try await temp.store.publicPosts(page).totalItems == 1)
            #expect(try await temp.store.publicPosts(tagSlug: "europe", page)?.1.totalItems == 0)
            #expect(try await temp.store.publicPosts(tagSlug: "energy", page)?.1.items.map(\.title) == ["Two"])
            #expect(try await temp.store.publicPosts(authorSlug: "ana", page)?.1.totalItems == 0)
            #expect(try await temp.store.publicPosts(authorSlug: "ben", page)?.1.totalItems == 1)
            temp.clock.advance(by: 3601)
            #expect(try await temp.store.publishDuePosts().count == 1)
            #expect(try await temp.store.publicPosts(page).totalItems == 2)
            #expect(try await temp.store.publicPosts(tagSlug: "europe", page)?.1.items.map(\.title) == ["Later"])
            #expect(try await temp.store.publicTags(limit: 5).map(\.tag.slug) == ["energy", "europe"])
            #expect(try await temp.store.publicAuthors().map(\.slug) == ["ana", "ben"])
        }
    }

    @Test(arguments: StoreKind.allCases) func relatedPostsShareTheMostTagsThenAreNewest(_ kind: StoreKind) async throws
    {
        try await TestStore.with(kind) { temp in
            let now = temp.clock.now()
            _ = try await temp.store.upsertPost(
                matchingTitle: input("Both Old", tags: ["A", "B"], publishedAt: now - 500))
            _ = try await temp.store.upsertPost(matchingTitle: input("Only A New", tags: ["A"], publishedAt: now - 100))
            _ = try await temp.store.upsertPost(matchingTitle: input("Only B", tags: ["B"], publishedAt: now - 200))
            _ = try await temp.store.upsertPost(matchingTitle: input("Unrelated", tags: ["C"], publishedAt: now - 50))
            let saved = try await temp.store.upsertPost(
                matchingTitle: input("Subject", tags: ["A", "B"], publishedAt: now - 10))
            let subject = try #require(try await temp.store.post(id: saved.id))
            let related = try await temp.store.relatedPosts(to: subject, limit: 3)
            #expect(related.map(\.title) == ["Both Old", "Only A New", "Only B"])
        }
    }

    @Test(arguments: StoreKind.allCases) func sitemapRangesAndFeedsReadWhatIsPublic(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let a = try await temp.store.upsertPost(matchingTitle: input("Alpha", body: "Alpha body."))
            _ = try await temp.store.upsertPost(matchingTitle: input("Beta", status: .draft))
            let c = try await temp.store.upsertPost(matchingTitle: input("Gamma", tags: ["T"]))
            #expect(try await temp.store.maxPostID() == c.id)
            let links = try await temp.store.publicPostLinks(ids: a.id...c.id)
            #expect(links.map(\.slug) == ["alpha", "gamma"])
            #expect(try await temp.store.publicPostLinks(ids: (c.id + 1)...(c.id + 1000)).isEmpty)
            let feed = try await temp.store.latestPublicPosts(limit: 10)
            #expect(Set(feed.map(\.title)) == ["Alpha", "Gamma"])
            #expect(feed.first { $0.title == "Alpha" }?.body.markdown == "Alpha body.")
            #expect(feed.first { $0.title == "Gamma" }?.tags.map(\.name) == ["T"])
        }
    }

    @Test(arguments: StoreKind.allCases) func aBatchIsSavedWholeOrNotAtAll(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let saved = try await temp.store.upsertPosts(matchingTitles: [
                input("Batch One", tags: ["X"]), input("Batch Two"),
                input("batch one", body: "Updated in the same batch."),
            ])
            #expect(saved.map(\.outcome) == [.created, .created, .updated])
            #expect(saved[0].id == saved[2].id)
            #expect(try await temp.store.postCount() == 2)
            let latest = try await temp.store.latestChange()
            await #expect(throws: StoreError.self) {
                try await temp.store.upsertPosts(matchingTitles: [input("Batch Three"), input("   ")])
            }
            #expect(try await temp.store.postCount() == 2)
            #expect(try await temp.store.latestChange() == latest)
        }
    }

    @Test(arguments: StoreKind.allCases) func oldChangesArePrunedButTheNewestStays(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(matchingTitle: input("One"))
            _ = try await temp.store.upsertPost(matchingTitle: input("Two"))
            let latest = try await temp.store.latestChange()
            temp.clock.advance(by: 7200)
            #expect(try await temp.store.pruneChanges(recordedBefore: temp.clock.now() - 3600) == 1)
            #expect(try await temp.store.latestChange() == latest)
            #expect(try await temp.store.changes(after: 0, limit: 10).map(\.sequence) == [latest])
            #expect(try await temp.store.pruneChanges(recordedBefore: temp.clock.now()) == 0)
        }
    }
}
