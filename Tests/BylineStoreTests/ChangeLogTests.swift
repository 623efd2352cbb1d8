import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

@Suite struct ChangeLogTests {
    @Test(arguments: StoreKind.allCases) func everyWriteRecordsWhatItTouched(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            #expect(try await store.latestChange() == 0)
            let first = try await store.upsertPost(matchingTitle: input("Talks", author: "A", tags: ["Europe"]))
            let post = try #require(try await store.post(id: first.id))
            let europe = try #require(post.tags.first?.id)
            let changes = try await store.changes(after: 0, limit: 10)
            #expect(changes.count == 1)
            #expect(
                changes[0].keys == [
                    .post(first.id), .home, .archive, .title("talks"), .author(post.author.id), .tag(europe),
                ])

            // Moving the post to another author and tag names the old ones too: their pages lose it.
            _ = try await store.upsertPost(matchingTitle: input("Talks", author: "B", tags: ["Energy"]))
            let moved = try #require(try await store.post(id: first.id))
            let update = try #require(try await store.changes(after: changes[0].sequence, limit: 10).first)
            #expect(update.keys.contains(.author(post.author.id)))
            #expect(update.keys.contains(.author(moved.author.id)))
            #expect(update.keys.contains(.tag(europe)))
            #expect(update.keys.contains(.tag(try #require(moved.tags.first?.id))))

            _ = try await store.changeSlug(postID: first.id, to: "new-talks")
            try await store.saveSettings(SiteSettings(title: "X"))
            let all = try await store.changes(after: 0, limit: 10)
            #expect(all.map(\.sequence) == all.map(\.sequence).sorted())
            #expect(all.count == 4)
            #expect(all[2].keys.contains(.post(first.id)) && all[2].keys.contains(.title("talks")))
            #expect(all[3].keys == [.site])
            #expect(try await store.latestChange() == all[3].sequence)
            #expect(try await store.changes(after: all[1].sequence, limit: 1).map(\.sequence) == [all[2].sequence])
        }
    }

    @Test(arguments: StoreKind.allCases) func failedWritesRecordNothing(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(matchingTitle: input("One"))
            let before = try await temp.store.latestChange()
            await #expect(throws: StoreError.self) { try await temp.store.changeSlug(postID: 999, to: "x") }
            await #expect(throws: StoreError.self) { try await temp.store.upsertPost(matchingTitle: input("")) }
            #expect(try await temp.store.latestChange() == before)
        }
    }

    @Test func changeKeysRoundTrip() {
        let keys: Set<ChangeKey> = [.post(3), .home, .tag(1), .author(2), .archive, .title("uk pm: x y"), .site]
        #expect(ChangeKey.decode(ChangeKey.encode(keys)) == keys)
        #expect(ChangeKey("post:x") == nil)
        #expect(ChangeKey("nonsense") == nil)
    }
}
