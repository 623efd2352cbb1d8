import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The newsroom's posts list: every status, filters, most recently updated first, pages.
@Suite struct PostListingsTests {
    /// Six posts by two authors, updated a minute apart in this order; returns their ids by title.
    private func sixPosts(_ temp: TestStore) async throws -> (ids: [String: Int64], ana: Int64, ben: Int64) {
        let ana = try await NewsroomFixtures.author(temp.store, "Ana")
        let ben = try await NewsroomFixtures.author(temp.store, "Ben")
        var ids: [String: Int64] = [:]
        let posts: [(String, Int64, [String])] = [
            ("Budget Vote Delayed", ana, ["Politics"]), ("Storm Warning", ben, ["Weather"]),
            ("Budget 100% Approved", ana, ["Politics", "Economy"]), ("Rates_Hold Steady", ben, ["Economy"]),
            ("İstanbul Ferry Strike", ana, []), ("Quiet Day", ben, ["Politics"]),
        ]
        for (title, author, tags) in posts {
            temp.clock.advance(by: 60)
            ids[title] = try await temp.store.createPost(draft(title, authorID: author, tags: tags), savedBy: nil).post
                .id
        }
        temp.clock.advance(by: 60)
        _ = try await temp.store.setPublication(
            postID: ids["Storm Warning"]!, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
        _ = try await temp.store.setPublication(
            postID: ids["Budget 100% Approved"]!, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
        _ = try await temp.store.setPublication(
            postID: ids["Quiet Day"]!, .schedule(at: temp.clock.now() + 3600), expectedUpdatedAt: nil, savedBy: nil)
        return (ids, ana, ben)
    }

    private func titles(_ store: SiteStore, _ filter: PostFilter, page: Int = 1, perPage: Int = 10) async throws
        -> [String]
    {
        try await store.postListings(filter, PageRequest(number: page, perPage: perPage)).items.map(\.title)
    }

    @Test(arguments: StoreKind.allCases) func everyStatusMostRecentlyUpdatedFirstInPages(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let (ids, ana, _) = try await sixPosts(temp)
            let all = try await temp.store.postListings(PostFilter(), PageRequest(number: 1, perPage: 4))
            #expect(
                all.items.map(\.title) == [
                    "Quiet Day", "Budget 100% Approved", "Storm Warning", "İstanbul Ferry Strike",
                ])
            #expect(all.totalItems == 6)
            #expect(all.totalPages == 2)
            #expect(
                try await titles(temp.store, PostFilter(), page: 2, perPage: 4) == [
                    "Rates_Hold Steady", "Budget Vote Delayed",
                ])
            let line = try #require(all.items.first { $0.title == "Budget 100% Approved" })
            #expect(line.id == ids["Budget 100% Approved"])
            #expect(line.status == .published)
            #expect(line.slug == "budget-100-approved")
            #expect(line.author.id == ana)
            #expect(line.author.name == "Ana")
            #expect(line.tags.map(\.name) == ["Politics", "Economy"])
            #expect(line.publishedAt == TestStore.defaultNow + 420)
            #expect(all.items.first?.status == .scheduled)

            // Saving a post moves it to the top.
            temp.clock.advance(by: 60)
            _ = try await temp.store.updatePost(
                id: ids["Budget Vote Delayed"]!, draft("Budget Vote Delayed", authorID: ana), expectedUpdatedAt: nil,
                savedBy: nil, reason: .saved)
            #expect(try await titles(temp.store, PostFilter(), perPage: 1) == ["Budget Vote Delayed"])
        }
    }

    @Test(arguments: StoreKind.allCases) func filtersNarrowAndCountWhatTheyKeep(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (_, ana, ben) = try await sixPosts(temp)
            let drafts = try await temp.store.postListings(
                PostFilter(status: .draft), PageRequest(number: 1, perPage: 2))
            #expect(drafts.items.map(\.title) == ["İstanbul Ferry Strike", "Rates_Hold Steady"])
            #expect(drafts.totalItems == 3)
            let published = try await temp.store.postListings(
                PostFilter(status: .published), PageRequest(number: 1, perPage: 10))
            #expect(published.items.map(\.title) == ["Budget 100% Approved", "Storm Warning"])
            #expect(published.totalItems == 2)
            #expect(try await titles(temp.store, PostFilter(status: .scheduled)) == ["Quiet Day"])
            #expect(
                try await titles(temp.store, PostFilter(authorID: ben))
                    == ["Quiet Day", "Storm Warning", "Rates_Hold Steady"])
            #expect(
                try await titles(temp.store, PostFilter(status: .draft, authorID: ana))
                    == ["İstanbul Ferry Strike", "Budget Vote Delayed"])
            let politics = try await temp.store.postListings(
                PostFilter(tagSlug: "politics"), PageRequest(number: 1, perPage: 10))
            #expect(politics.items.map(\.title) == ["Quiet Day", "Budget 100% Approved", "Budget Vote Delayed"])
            #expect(politics.totalItems == 3)
            #expect(
                try await titles(temp.store, PostFilter(authorID: ana, tagSlug: "economy")) == ["Budget 100% Approved"])
            let draftPolitics = try await temp.store.postListings(
                PostFilter(status: .draft, tagSlug: "politics"), PageRequest(number: 1, perPage: 10))
            #expect(draftPolitics.items.map(\.title) == ["Budget Vote Delayed"])
            #expect(draftPolitics.totalItems == 1)
            let liveEconomy = try await temp.store.postListings(
                PostFilter(status: .published, tagSlug: "economy"), PageRequest(number: 1, perPage: 1))
            #expect(liveEconomy.items.map(\.title) == ["Budget 100% Approved"])
            #expect(liveEconomy.totalItems == 1)
            #expect(
                try await titles(temp.store, PostFilter(tagSlug: "economy", search: "rates")) == ["Rates_Hold Steady"])
            let none = try await temp.store.postListings(
                PostFilter(tagSlug: "nope"), PageRequest(number: 1, perPage: 10))
            #expect(none.items.isEmpty && none.totalItems == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func searchMatchesTitleWordsWithoutCaseAndLiterally(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            _ = try await sixPosts(temp)
            #expect(
                try await titles(temp.store, PostFilter(search: "BUDGET")) == [
                    "Budget 100% Approved", "Budget Vote Delayed",
                ])
            #expect(try await titles(temp.store, PostFilter(search: "vote  budget")) == ["Budget Vote Delayed"])
            // % and _ are themselves, not patterns.
            #expect(try await titles(temp.store, PostFilter(search: "100%")) == ["Budget 100% Approved"])
            #expect(try await titles(temp.store, PostFilter(search: "%")) == ["Budget 100% Approved"])
            #expect(try await titles(temp.store, PostFilter(search: "s_h")) == ["Rates_Hold Steady"])
            #expect(try await titles(temp.store, PostFilter(search: "_")) == ["Rates_Hold Steady"])
            // Case folding beyond ASCII, on both engines.
            #expect(try await titles(temp.store, PostFilter(search: "İSTANBUL")) == ["İstanbul Ferry Strike"])
            #expect(try await titles(temp.store, PostFilter(status: .draft, search: "storm")) == [])
            let counted = try await temp.store.postListings(
                PostFilter(search: "budget"), PageRequest(number: 2, perPage: 1))
            #expect(counted.items.map(\.title) == ["Budget Vote Delayed"])
            #expect(counted.totalItems == 2)
        }
    }
}
