import BylineCore
import BylineTestSupport
import Foundation
import Testing

@testable import BylineStore

@Suite struct SnapshotTests {
    static let pairs: [(StoreKind, StoreKind)] = [
        (.sqlite, .postgres), (.postgres, .sqlite), (.sqlite, .sqlite), (.postgres, .postgres),
    ]

    /// A site with every kind of row: settings, authors, tags, posts in all states, redirects.
    static func fill(_ store: any Store, now: Date) async throws -> Int64 {
        try await store.saveSettings(SiteSettings(title: "Scoop Hub", description: "News", footerNote: "Fiction."))
        let first = try await store.upsertPost(
            matchingTitle: input(
                "Peace Talks", author: "Abiola", tags: ["Europe", "Diplomacy"],
                body: "One.\n\nREAD ALSO: Later Story\n\nTwo ’quoted’ <b>."))
        _ = try await store.upsertPost(matchingTitle: input("Later Story", tags: ["Europe"], publishedAt: now - 60))
        _ = try await store.upsertPost(matchingTitle: input("A Draft", status: .draft))
        _ = try await store.upsertPost(matchingTitle: input("Embargoed", publishedAt: now + 3600))
        _ = try await store.changeSlug(postID: first.id, to: "istanbul-talks")
        return first.id
    }

    @Test(arguments: pairs)
    func aSiteCopiesRowForRowWithTheSameChecksum(from: StoreKind, to: StoreKind) async throws {
        try await TestStore.with(from) { source in
            let movedID = try await Self.fill(source.store, now: source.clock.now())
            let original = try await source.store.snapshot()
            #expect(original.posts.count == 4)
            #expect(original.redirects.count == 1)
            try await TestStore.with(to) { target in
                try await target.store.restore(original, replacing: false)
                let copy = try await target.store.snapshot()
                #expect(copy.rowCounts.map(\.rows) == original.rowCounts.map(\.rows))
                #expect(copy.checksum() == original.checksum())
                // The copy behaves like the original: same URLs, redirects, settings.
                #expect(try await target.store.settings().title == "Scoop Hub")
                #expect(try await target.store.publicPost(slug: "peace-talks") == .moved(to: "istanbul-talks"))
                guard case .found(let post) = try await target.store.publicPost(slug: "istanbul-talks") else {
                    Issue.record("copied post not found")
                    return
                }
                #expect(post.id == movedID)
                #expect(post.tags.map(\.slug) == ["europe", "diplomacy"])
                // New rows continue after the copied ids.
                let next = try await target.store.upsertPost(matchingTitle: input("After The Copy", tags: ["Europe"]))
                #expect(next.id > original.posts.map(\.id).max()!)
                #expect(try await target.store.postCount() == 5)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStoreWithContentIsNotOverwrittenUnlessAsked(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.fill(temp.store, now: temp.clock.now())
            let before = try await temp.store.snapshot()
            let other = SiteSnapshot(
                settings: ["title": "Other"], authors: [], tags: [], posts: [], postTags: [], redirects: [])
            await #expect(throws: StoreError.notEmpty("the target store")) {
                try await temp.store.restore(other, replacing: false)
            }
            #expect(try await temp.store.snapshot().checksum() == before.checksum())
            try await temp.store.restore(other, replacing: true)
            let after = try await temp.store.snapshot()
            #expect(after.posts.isEmpty)
            #expect(after.settings == ["title": "Other"])
        }
    }

    @Test func checksumsSeeEveryValue() {
        let date = Date(timeIntervalSince1970: 1_780_000_000.1234)
        let a = SiteSnapshot(
            settings: ["title": "A"],
            authors: [
                .init(
                    id: 1, name: "N", nameKey: "n", slug: "n", bio: "", userID: nil,
                    createdAt: date, updatedAt: date)
            ], tags: [], posts: [], postTags: [], redirects: [])
        var b = a
        #expect(a.checksum() == b.checksum())
        b.authors[0].bio = "x"
        #expect(a.checksum() != b.checksum())
        var c = a
        c.authors[0].createdAt = date.addingTimeInterval(0.0001)  // below a millisecond: engines differ here
        #expect(a.checksum() == c.checksum())
    }
}
