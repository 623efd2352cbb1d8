import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// What an upsert keeps and derives when its input leaves a field unstated (``PostInput``): the
/// rules imports rely on, on both engines.
@Suite struct ImportRulesTests {
    @Test(arguments: StoreKind.allCases) func unstatedFieldsKeepWhatThePostHas(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let created = try await store.upsertPost(
                matchingTitle: PostInput(
                    title: "Harbour", authorName: "A", markdown: "One.", excerpt: "Editor's.", tagNames: ["Sea"],
                    status: .draft, visibility: .members))
            _ = try await store.upsertPost(
                matchingTitle: PostInput(title: "Harbour", authorName: "A", markdown: "Two *words*."))
            let post = try #require(try await store.post(id: created.id))
            #expect(post.status == .draft)
            #expect(post.visibility == .members)
            #expect(post.excerpt == "Editor's.")
            #expect(post.tags.map(\.name) == ["Sea"])
            #expect(post.body.markdown == "Two *words*.")
            #expect(post.body.html == "<p>Two <em>words</em>.</p>\n")

            // Stated, they change; an excerpt derived from the body follows the body.
            _ = try await store.upsertPost(
                matchingTitle: PostInput(
                    title: "Plain", authorName: "A", markdown: "First words.\n\nMore.", tagNames: []))
            let plain = try await store.upsertPost(
                matchingTitle: PostInput(title: "Plain", authorName: "A", markdown: "New words.", tagNames: ["Sea"]))
            let updated = try #require(try await store.post(id: plain.id))
            #expect(updated.excerpt == "New words.")
            #expect(updated.customExcerpt == nil)
            #expect(updated.status == .published)
            #expect(updated.tags.map(\.name) == ["Sea"])
        }
    }

    @Test(arguments: StoreKind.allCases) func newPostsDatedLaterAreScheduled(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let later = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Later", authorName: "A", markdown: "Soon.", publishedAt: temp.clock.now() + 60))
            #expect(later.status == .scheduled)
            #expect(try await temp.store.post(id: later.id)?.status == .scheduled)
            let now = try await temp.store.upsertPost(
                matchingTitle: PostInput(title: "Now", authorName: "A", markdown: "Out."))
            #expect(now.status == .published)
        }
    }

    @Test(arguments: StoreKind.allCases) func slugsKeepLettersWithoutAnASCIIForm(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let saved = try await temp.store.upsertPost(
                matchingTitle: PostInput(title: "東京の天気", authorName: "A", markdown: "晴れ。"))
            #expect(saved.slug == "東京の天気")
            #expect(try await temp.store.changeSlug(postID: saved.id, to: "大阪 天気") == "大阪-天気")
            guard case .moved(let target) = try await temp.store.publicPost(slug: "東京の天気") else {
                Issue.record("the old slug does not redirect")
                return
            }
            #expect(target == "大阪-天気")
            // As copied from an address bar.
            #expect(try await temp.store.changeSlug(postID: saved.id, to: "%E6%9D%B1%E4%BA%AC") == "東京")
        }
    }
}
