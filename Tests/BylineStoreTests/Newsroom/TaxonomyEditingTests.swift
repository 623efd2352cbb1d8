import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Tags and authors as the newsroom edits them.
@Suite struct TaxonomyEditingTests {
    @Test(arguments: StoreKind.allCases) func tagsAreListedWithTheirPublishedCountsAndEdited(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let live = try await temp.store.createPost(draft("Live", authorID: author, tags: ["Europe"]), savedBy: nil)
            _ = try await temp.store.setPublication(
                postID: live.post.id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            _ = try await temp.store.createPost(draft("Draft", authorID: author, tags: ["Drafts Only"]), savedBy: nil)
            let tags = try await temp.store.allTags()
            #expect(tags.map(\.tag.name) == ["Drafts Only", "Europe"])
            #expect(tags.map(\.postCount) == [0, 1])
            let europe = try #require(tags.last?.tag)

            // A description alone touches the tag's own pages; a rename touches every page.
            #expect(
                try await temp.store.updateTag(id: europe.id, name: "Europe", slug: "europe", description: " News. ")
                    == [.tag(europe.id)])
            #expect(
                try await temp.store.updateTag(
                    id: europe.id, name: "  European  Union ", slug: "", description: "News.")
                    == [.site])
            let renamed = try #require(try await temp.store.allTags().first { $0.tag.id == europe.id }?.tag)
            #expect(renamed == Tag(id: europe.id, name: "European Union", slug: "european-union", description: "News."))
            let page = PageRequest(number: 1, perPage: 10)
            #expect(try await temp.store.publicPosts(tagSlug: "european-union", page)?.1.items.map(\.title) == ["Live"])
            #expect(try await temp.store.publicPosts(tagSlug: "europe", page) == nil)
            #expect(try await temp.store.post(id: live.post.id)?.tags.map(\.name) == ["European Union"])

            let other = try #require(tags.first?.tag)
            await #expect(throws: StoreError.slugTaken("european-union")) {
                try await temp.store.updateTag(id: other.id, name: "Other", slug: "European Union", description: "")
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.updateTag(id: other.id, name: "european  UNION", slug: "x", description: "")
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.updateTag(id: other.id, name: " ", slug: "x", description: "")
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.updateTag(id: other.id, name: "Fine", slug: "!!!", description: "")
            }
            await #expect(throws: StoreError.notFound("tag 999")) {
                try await temp.store.updateTag(id: 999, name: "X", slug: "x", description: "")
            }
            #expect(try await temp.store.allTags().map(\.tag.name) == ["Drafts Only", "European Union"])
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingATagTakesItOffItsPosts(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let post = try await temp.store.createPost(
                draft("Tagged", authorID: author, tags: ["A", "B"]), savedBy: nil
            )
            .post
            _ = try await temp.store.setPublication(
                postID: post.id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let tagA = try #require(post.tags.first?.id)
            let before = try await temp.store.latestChange()
            #expect(try await temp.store.deleteTag(id: tagA) == [.site])
            #expect(try await temp.store.latestChange() > before)
            #expect(try await temp.store.post(id: post.id)?.tags.map(\.name) == ["B"])
            #expect(try await temp.store.allTags().map(\.tag.name) == ["B"])
            #expect(try await temp.store.publicPosts(tagSlug: "a", PageRequest(number: 1, perPage: 10)) == nil)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            await #expect(throws: StoreError.notFound("tag \(tagA)")) { try await temp.store.deleteTag(id: tagA) }
            // A later post may use the name again: a new tag.
            let again = try await temp.store.createPost(draft("Again", authorID: author, tags: ["A"]), savedBy: nil)
            #expect(again.post.tags.map(\.slug) == ["a"])
            #expect(again.post.tags.first?.id != tagA)
        }
    }

    @Test(arguments: StoreKind.allCases) func authorsAreListedAndEdited(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let zoe = try await NewsroomFixtures.author(temp.store, "Zoe Writer")
            let ana = try await NewsroomFixtures.author(temp.store, "Ana Reporter")
            #expect(try await temp.store.allAuthors().map(\.name) == ["Ana Reporter", "Zoe Writer"])
            #expect(try await temp.store.author(id: zoe)?.slug == "zoe-writer")
            #expect(try await temp.store.author(id: 999) == nil)

            #expect(
                try await temp.store.updateAuthor(
                    id: zoe, name: "Zoe Writer", slug: "zoe-writer", bio: " Covers energy. ")
                    == [.author(zoe)])
            #expect(
                try await temp.store.updateAuthor(id: zoe, name: "Zoë Writer", slug: "zoe", bio: "Covers energy.")
                    == [.site])
            #expect(
                try await temp.store.author(id: zoe)
                    == Author(id: zoe, name: "Zoë Writer", slug: "zoe", bio: "Covers energy."))
            let id = try await temp.store.createPost(draft("Energy", authorID: zoe), savedBy: nil).post.id
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let page = PageRequest(number: 1, perPage: 10)
            let (author, posts) = try #require(try await temp.store.publicPosts(authorSlug: "zoe", page))
            #expect(author.bio == "Covers energy.")
            #expect(posts.items.map(\.title) == ["Energy"])

            await #expect(throws: StoreError.slugTaken("zoe")) {
                try await temp.store.updateAuthor(id: ana, name: "Ana Reporter", slug: "Zoe", bio: "")
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.updateAuthor(id: ana, name: "ZOË  writer", slug: "ana", bio: "")
            }
            await #expect(throws: StoreError.notFound("author 999")) {
                try await temp.store.updateAuthor(id: 999, name: "X", slug: "x", bio: "")
            }
            #expect(try await temp.store.author(id: ana)?.name == "Ana Reporter")
        }
    }
}
