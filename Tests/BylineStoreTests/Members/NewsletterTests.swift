import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The site's newsletters: made, changed, listed in order, and one there from the start.
@Suite struct NewsletterTests {
    @Test(arguments: StoreKind.allCases) func newslettersAreListedInOrderWithUniqueSlugs(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let breaking = try await store.createNewsletter(NewsletterInput(name: "  Breaking   News ", sortOrder: 2))
            #expect(breaking.name == "Breaking News")
            #expect(breaking.slug == "breaking-news")
            #expect(breaking.active)
            #expect(breaking.createdAt == temp.clock.now())
            let daily = try await store.createNewsletter(
                NewsletterInput(name: "Daily Briefing", description: "At 7.", sortOrder: 1))
            let again = try await store.createNewsletter(NewsletterInput(name: "Breaking news!", sortOrder: 3))
            #expect(again.slug == "breaking-news-2")
            await #expect(throws: StoreError.slugTaken("daily-briefing")) {
                _ = try await store.createNewsletter(NewsletterInput(name: "Other", slug: "Daily Briefing"))
            }
            await #expect(throws: StoreError.invalidInput("a newsletter needs a name")) {
                _ = try await store.createNewsletter(NewsletterInput(name: "  "))
            }
            #expect(
                try await store.newsletters(includingInactive: false).map(\.id) == [daily.id, breaking.id, again.id])

            let retired = try await store.updateNewsletter(
                id: again.id, NewsletterInput(name: "Weekend", slug: "weekend", sortOrder: 0, active: false))
            #expect(retired.slug == "weekend")
            #expect(!retired.active)
            #expect(try await store.newsletters(includingInactive: false).map(\.id) == [daily.id, breaking.id])
            #expect(
                try await store.newsletters(includingInactive: true).map(\.id) == [again.id, daily.id, breaking.id])
            // No slug given keeps the slug; a taken one is refused.
            #expect(
                try await store.updateNewsletter(id: daily.id, NewsletterInput(name: "Morning")).slug
                    == "daily-briefing")
            await #expect(throws: StoreError.slugTaken("weekend")) {
                _ = try await store.updateNewsletter(id: daily.id, NewsletterInput(name: "Morning", slug: "weekend"))
            }
            #expect(try await store.newsletter(slug: "weekend")?.id == again.id)
            #expect(try await store.newsletter(id: daily.id)?.name == "Morning")
            await #expect(throws: StoreError.notFound("newsletter 999")) {
                _ = try await store.updateNewsletter(id: 999, NewsletterInput(name: "Gone"))
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func aSiteGetsADefaultNewsletterOnce(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let nodes = [temp.store, try await temp.openAnother(), try await temp.openAnother()]
            let lists = try await withThrowingTaskGroup(of: [Newsletter].self) { group in
                for store in nodes { group.addTask { try await store.ensureDefaultNewsletter(name: "Scoop Hub") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for list in lists { #expect(list.map(\.slug) == ["scoop-hub"]) }
            // A site that has newsletters keeps them as they are.
            _ = try await temp.store.createNewsletter(NewsletterInput(name: "Breaking News"))
            #expect(
                try await temp.store.ensureDefaultNewsletter(name: "Other").map(\.name) == [
                    "Scoop Hub", "Breaking News",
                ])
        }
    }

    @Test(arguments: StoreKind.allCases) func anyTitleMakesADefaultNewsletter(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let made = try await temp.store.ensureDefaultNewsletter(name: "  ")
            #expect(made.map(\.name) == ["Newsletter"])
        }
        try await TestStore.with(kind) { temp in
            let long = String(repeating: "Very long title ", count: 20)
            let made = try await temp.store.ensureDefaultNewsletter(name: long)
            #expect(made.first?.name.count == 100)
        }
    }
}
