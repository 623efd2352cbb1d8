import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

@Suite struct StoreTests {
    @Test(arguments: StoreKind.allCases) func createThenUpdateByTitleKeepsIDAndSlug(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let created = try await store.upsertPost(matchingTitle: input("Peace Talks Resume", body: "First version."))
            #expect(created.outcome == .created)
            #expect(created.slug == "peace-talks-resume")
            let updated = try await store.upsertPost(
                matchingTitle: input("peace talks  resume", body: "Second version.", publishedAt: nil))
            #expect(updated.outcome == .updated)
            #expect(updated.id == created.id)
            #expect(updated.slug == created.slug)
            #expect(try await store.postCount() == 1)
            let post = try #require(try await store.post(id: created.id))
            #expect(post.body.markdown == "Second version.")
            #expect(post.title == "peace talks  resume")
        }
    }

    @Test(arguments: StoreKind.allCases) func updateWithoutDateKeepsTheOriginalPublicationTime(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let first = try await temp.store.upsertPost(matchingTitle: input("Dated"))
            let original = try #require(try await temp.store.post(id: first.id)?.publishedAt)
            temp.clock.advance(by: 3600)
            _ = try await temp.store.upsertPost(matchingTitle: input("Dated", body: "Changed."))
            let post = try #require(try await temp.store.post(id: first.id))
            #expect(post.publishedAt == original)
            #expect(post.updatedAt > original)
        }
    }

    @Test(arguments: StoreKind.allCases) func slugClashesAreNumbered(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let a = try await temp.store.upsertPost(matchingTitle: input("Turkey: Talks"))
            let b = try await temp.store.upsertPost(matchingTitle: input("Turkey Talks"))
            let c = try await temp.store.upsertPost(matchingTitle: input("Turkey — Talks!"))
            #expect([a.slug, b.slug, c.slug] == ["turkey-talks", "turkey-talks-2", "turkey-talks-3"])
            let reserved = try await temp.store.upsertPost(matchingTitle: input("Archive"))
            #expect(reserved.slug == "archive-2")
            // The comment form posts to /comments: no post may live there.
            #expect(try await temp.store.upsertPost(matchingTitle: input("Comments")).slug == "comments-2")
        }
    }

    @Test(arguments: StoreKind.allCases) func authorsAndTagsAreFoundByNameOrCreated(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let one = try await temp.store.upsertPost(matchingTitle: input("One", author: "Abiola", tags: ["Europe"]))
            let two = try await temp.store.upsertPost(
                matchingTitle: input("Two", author: "abiola", tags: ["europe", "Diplomacy"]))
            let first = try #require(try await temp.store.post(id: one.id))
            let second = try #require(try await temp.store.post(id: two.id))
            #expect(first.author.id == second.author.id)
            #expect(first.author.slug == "abiola")
            #expect(second.tags.map(\.slug) == ["europe", "diplomacy"])
            #expect(first.tags.first?.id == second.tags.first?.id)
            let tags = try await temp.store.publicTags(limit: 10)
            #expect(tags.map(\.tag.slug) == ["europe", "diplomacy"])
            #expect(tags.map(\.postCount) == [2, 1])
        }
    }

    @Test(arguments: StoreKind.allCases) func onlyPublishedPostsArePublicAndScheduledOnesWhenPublished(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            let now = temp.clock.now()
            _ = try await temp.store.upsertPost(matchingTitle: input("Live"))
            _ = try await temp.store.upsertPost(matchingTitle: input("Draft", status: .draft))
            let future = try await temp.store.upsertPost(matchingTitle: input("Future", publishedAt: now + 3600))
            #expect(future.status == .scheduled)
            let page = try await temp.store.publicPosts(PageRequest(number: 1, perPage: 10))
            #expect(page.items.map(\.title) == ["Live"])
            #expect(try await temp.store.publicPost(slug: "draft") == .missing)
            #expect(try await temp.store.publicPost(slug: "future") == .missing)
            temp.clock.advance(by: 3601)
            // Its time has come, but only the scheduler makes it public (and logs the change).
            #expect(try await temp.store.publicPost(slug: "future") == .missing)
            #expect(try await temp.store.publishDuePosts() == [future.id])
            #expect(
                try await temp.store.publicPosts(PageRequest(number: 1, perPage: 10)).items.map(\.title) == [
                    "Future", "Live",
                ])
        }
    }

    @Test(arguments: StoreKind.allCases) func listingsPaginateNewestFirst(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let base = temp.clock.now() - 86400 * 30
            for day in 0..<7 {
                _ = try await temp.store.upsertPost(
                    matchingTitle: input(
                        "Day \(day)", tags: day % 2 == 0 ? ["Even"] : [], publishedAt: base + Double(day) * 86400))
            }
            let first = try await temp.store.publicPosts(PageRequest(number: 1, perPage: 3))
            #expect(first.items.map(\.title) == ["Day 6", "Day 5", "Day 4"])
            #expect(first.totalPages == 3)
            #expect(first.hasNext && !first.hasPrevious)
            let last = try await temp.store.publicPosts(PageRequest(number: 3, perPage: 3))
            #expect(last.items.map(\.title) == ["Day 0"])
            let (tag, tagged) = try #require(
                try await temp.store.publicPosts(tagSlug: "even", PageRequest(number: 1, perPage: 10)))
            #expect(tag.name == "Even")
            #expect(tagged.items.map(\.title) == ["Day 6", "Day 4", "Day 2", "Day 0"])
            #expect(try await temp.store.publicPosts(tagSlug: "odd", PageRequest(number: 1, perPage: 10)) == nil)
            let (author, authored) = try #require(
                try await temp.store.publicPosts(authorSlug: "mara-ellison", PageRequest(number: 2, perPage: 5)))
            #expect(author.name == "Mara Ellison")
            #expect(authored.items.map(\.title) == ["Day 1", "Day 0"])
            #expect(try await temp.store.publicPosts(PageRequest(number: 1, perPage: 2)).totalItems == 7)
        }
    }

    @Test(arguments: StoreKind.allCases) func oldSlugsKeepRedirecting(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let saved = try await temp.store.upsertPost(matchingTitle: input("Old Name"))
            #expect(try await temp.store.changeSlug(postID: saved.id, to: "New Name") == "new-name")
            #expect(try await temp.store.publicPost(slug: "old-name") == .moved(to: "new-name"))
            guard case .found(let post) = try await temp.store.publicPost(slug: "new-name") else {
                Issue.record("new slug not found")
                return
            }
            #expect(post.id == saved.id)
            // A new post may not take the old slug while it redirects.
            #expect(try await temp.store.upsertPost(matchingTitle: input("Old  Name!")).slug == "old-name-2")
            await #expect(throws: StoreError.self) { try await temp.store.changeSlug(postID: saved.id, to: "tag") }
            await #expect(throws: StoreError.slugTaken("old-name-2")) {
                try await temp.store.changeSlug(postID: saved.id, to: "old-name-2")
            }
            // Going back to the old slug removes its redirect.
            #expect(try await temp.store.changeSlug(postID: saved.id, to: "old-name") == "old-name")
            #expect(try await temp.store.publicPost(slug: "new-name") == .moved(to: "old-name"))
        }
    }

    @Test(arguments: StoreKind.allCases) func readAlsoTitlesResolveToPublicSlugs(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(matchingTitle: input("UK PM: Putin Must Face Consequences"))
            _ = try await temp.store.upsertPost(matchingTitle: input("Hidden", status: .draft))
            let slugs = try await temp.store.publicSlugs(forTitles: [
                "uk pm: putin must face consequences", "Hidden", "Nope",
            ])
            #expect(
                slugs == [TitleKey.make("UK PM: Putin Must Face Consequences"): "uk-pm-putin-must-face-consequences"])
        }
    }

    @Test(arguments: StoreKind.allCases) func relatedPostsShareTags(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let base = temp.clock.now() - 1000
            let main = try await temp.store.upsertPost(
                matchingTitle: input("Main", tags: ["A", "B"], publishedAt: base))
            _ = try await temp.store.upsertPost(matchingTitle: input("Both", tags: ["B", "A"], publishedAt: base - 10))
            _ = try await temp.store.upsertPost(matchingTitle: input("One", tags: ["A"], publishedAt: base + 10))
            _ = try await temp.store.upsertPost(matchingTitle: input("None", publishedAt: base + 20))
            let post = try #require(try await temp.store.post(id: main.id))
            #expect(try await temp.store.relatedPosts(to: post, limit: 3).map(\.title) == ["Both", "One", "None"])
        }
    }

    @Test(arguments: StoreKind.allCases) func settingsRoundTripWithDefaults(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            #expect(try await temp.store.settings() == SiteSettings())
            let settings = SiteSettings(
                title: "Scoop Hub", description: "News", timeZoneIdentifier: "Europe/Istanbul", footerNote: "Fiction.",
                language: "en", postsPerPage: 7)
            try await temp.store.saveSettings(settings)
            #expect(try await temp.store.settings() == settings)
            #expect(try await temp.store.settings().timeZone.identifier == "Europe/Istanbul")
        }
    }

    @Test(arguments: StoreKind.allCases) func invalidInputIsRefusedAndNothingIsWritten(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp throws in
            await #expect(throws: StoreError.self) { try await temp.store.upsertPost(matchingTitle: input("  ")) }
            await #expect(throws: StoreError.self) {
                try await temp.store.upsertPost(matchingTitle: input("T", author: ""))
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.upsertPost(matchingTitle: input("T", tags: [" "]))
            }
            #expect(try await temp.store.postCount() == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func writesFromAnotherConnectionAreSeen(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let reader = temp.store
            #expect(try await reader.publicPost(slug: "from-elsewhere") == .missing)
            let writer = try await temp.openAnother()
            _ = try await writer.upsertPost(matchingTitle: input("From Elsewhere"))
            guard case .found = try await reader.publicPost(slug: "from-elsewhere") else {
                Issue.record("write from another connection not visible")
                return
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func reopeningKeepsDataAndMigrationsRunOnce(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(matchingTitle: input("Kept"))
            let reopened = try await temp.openAnother()
            #expect(try await reopened.postCount() == 1)
        }
    }
}
