import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The newsroom's create, save and delete of posts: concurrency, autosave, slugs, revisions.
@Suite struct PostEditingTests {
    @Test(arguments: StoreKind.allCases) func aNewPostIsAHiddenDraftRenderedFromMarkdown(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let editor = try await NewsroomFixtures.staffUser(temp.store, "Eda Editor")
            let created = try await temp.store.createPost(
                PostDraft(
                    title: "  Ceasefire Holds  ", markdown: "The **truce** held overnight.\n\n::read-also[Older Story]",
                    tagNames: ["Europe", "europe", "Diplomacy"], authorID: author, featureImage: "/images/a.jpg",
                    featureImageAlt: "A street"),
                savedBy: editor)
            let post = created.post
            #expect(post.title == "Ceasefire Holds")
            #expect(post.slug == "ceasefire-holds")
            #expect(post.status == .draft)
            #expect(post.publishedAt == nil)
            #expect(post.body.html.contains("<strong>truce</strong>"))
            #expect(post.body.readAlsoTitles == ["Older Story"])
            #expect(post.excerpt == "The truce held overnight.")
            #expect(post.customExcerpt == nil)
            #expect(post.featureImage == "/images/a.jpg")
            #expect(post.featureImageAlt == "A street")
            #expect(post.tags.map(\.name) == ["Europe", "Diplomacy"])
            #expect(created.touched == [.post(post.id)])
            #expect(try await temp.store.post(id: post.id) == post)
            #expect(try await temp.store.publicPost(slug: "ceasefire-holds") == .missing)
            #expect(try await temp.store.publicPosts(PageRequest(number: 1, perPage: 10)).totalItems == 0)

            let revisions = try await temp.store.revisions(postID: post.id)
            #expect(revisions.count == 1)
            #expect(revisions.first?.reason == .created)
            #expect(revisions.first?.savedByName == "Eda Editor")
            #expect(revisions.first?.tagNames == ["Europe", "Diplomacy"])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func invalidDraftsAreRefusedBeforeAnythingIsWritten(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let changes = try await NewsroomFixtures.changeCount(temp.store)
            await #expect(throws: StoreError.invalidInput("a post needs a title")) {
                try await temp.store.createPost(draft("   ", authorID: author), savedBy: nil)
            }
            await #expect(throws: StoreError.invalidInput("tag names cannot be empty")) {
                try await temp.store.createPost(draft("T", authorID: author, tags: [" "]), savedBy: nil)
            }
            await #expect(throws: StoreError.invalidInput("there is no author 999")) {
                try await temp.store.createPost(draft("T", authorID: 999), savedBy: nil)
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.createPost(draft("T", authorID: author, slug: "archive"), savedBy: nil)
            }
            var script = draft("T", authorID: author)
            script.featureImage = "javascript:alert(1)"
            await #expect(throws: StoreError.self) { try await temp.store.createPost(script, savedBy: nil) }
            await #expect(throws: StoreError.notFound("post 999")) {
                try await temp.store.updatePost(
                    id: 999, draft("T", authorID: author), expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            }
            #expect(try await temp.store.postCount() == 0)
            #expect(try await NewsroomFixtures.changeCount(temp.store) == changes)
        }
    }

    @Test(arguments: StoreKind.allCases) func theSecondOfTwoEditorsWhoLoadedTheSameVersionGetsAConflict(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let created = try await temp.store.createPost(draft("Budget", authorID: author), savedBy: nil)
            // Both editors open the post as stored.
            let loaded = try #require(try await temp.store.post(id: created.post.id)).updatedAt
            temp.clock.advance(by: 5)
            let first = try await temp.store.updatePost(
                id: created.post.id, draft("Budget: First Edit", authorID: author), expectedUpdatedAt: loaded,
                savedBy: nil, reason: .saved)
            #expect(first.post.title == "Budget: First Edit")
            #expect(first.post.updatedAt > loaded)
            temp.clock.advance(by: 5)
            await #expect(throws: StoreError.conflict(currentUpdatedAt: first.post.updatedAt)) {
                try await temp.store.updatePost(
                    id: created.post.id, draft("Budget: Second Edit", authorID: author), expectedUpdatedAt: loaded,
                    savedBy: nil, reason: .saved)
            }
            #expect(try await temp.store.post(id: created.post.id)?.title == "Budget: First Edit")
            // The first editor saves again with what their save returned: no conflict.
            let again = try await temp.store.updatePost(
                id: created.post.id, draft("Budget: Third Edit", authorID: author),
                expectedUpdatedAt: first.post.updatedAt, savedBy: nil, reason: .saved)
            #expect(again.post.title == "Budget: Third Edit")
            // Publishing checks too.
            await #expect(throws: StoreError.conflict(currentUpdatedAt: again.post.updatedAt)) {
                try await temp.store.setPublication(
                    postID: created.post.id, .publish(at: nil), expectedUpdatedAt: loaded, savedBy: nil)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func concurrentSavesFromTwoNodesLetExactlyOneWin(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let other = try await temp.openAnother()
            let created = try await temp.store.createPost(draft("Race", authorID: author), savedBy: nil)
            let loaded = created.post.updatedAt
            temp.clock.advance(by: 1)
            async let a = attempt {
                try await temp.store.updatePost(
                    id: created.post.id, draft("Race A", authorID: author), expectedUpdatedAt: loaded, savedBy: nil,
                    reason: .saved)
            }
            async let b = attempt {
                try await other.updatePost(
                    id: created.post.id, draft("Race B", authorID: author), expectedUpdatedAt: loaded, savedBy: nil,
                    reason: .saved)
            }
            let results = await [a, b]
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            for case .failure(let error) in results {
                guard case StoreError.conflict = error else {
                    Issue.record("the losing save failed with \(error), not a conflict")
                    continue
                }
            }
            #expect(try await temp.store.post(id: created.post.id)?.title == winners.first?.post.title)
        }
    }

    @Test(arguments: StoreKind.allCases) func autosavesOfADraftRecordNoChangeAndKeepOneRevision(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let writer = try await NewsroomFixtures.staffUser(temp.store, "Wren Writer")
            let id = try await temp.store.createPost(draft("Typing", authorID: author), savedBy: writer).post.id
            let changes = try await temp.store.latestChange()
            for text in ["One", "One two", "One two three"] {
                temp.clock.advance(by: 30)
                let saved = try await temp.store.updatePost(
                    id: id, draft("Typing", authorID: author, markdown: text), expectedUpdatedAt: nil,
                    savedBy: writer, reason: .autosaved)
                #expect(saved.touched == [])
                #expect(saved.post.body.markdown == text)
            }
            #expect(try await temp.store.latestChange() == changes)
            var revisions = try await temp.store.revisions(postID: id)
            #expect(revisions.map(\.reason) == [.autosaved, .created])
            #expect(revisions.first?.markdown == "One two three")
            #expect(revisions.first?.createdAt == TestStore.defaultNow + 90)

            // A save keeps its own revision, and the next autosave starts a new one.
            temp.clock.advance(by: 30)
            let saved = try await temp.store.updatePost(
                id: id, draft("Typing", authorID: author, markdown: "Saved."), expectedUpdatedAt: nil, savedBy: writer,
                reason: .saved)
            #expect(saved.touched == [.post(id)])
            #expect(try await temp.store.latestChange() > changes)
            temp.clock.advance(by: 30)
            _ = try await temp.store.updatePost(
                id: id, draft("Typing", authorID: author, markdown: "Saved. More."), expectedUpdatedAt: nil,
                savedBy: writer, reason: .autosaved)
            revisions = try await temp.store.revisions(postID: id)
            #expect(revisions.map(\.reason) == [.autosaved, .saved, .autosaved, .created])
            #expect(revisions.map(\.markdown) == ["Saved. More.", "Saved.", "One two three", "Some *text* here."])
        }
    }

    @Test(arguments: StoreKind.allCases) func anAutosaveOfALivePostIsAChangeReadersSee(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Live", authorID: author, tags: ["A"]), savedBy: nil).post.id
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let before = try await temp.store.latestChange()
            let saved = try await temp.store.updatePost(
                id: id, draft("Live", authorID: author, markdown: "Fixed a typo.", tags: ["A"]), expectedUpdatedAt: nil,
                savedBy: nil, reason: .autosaved)
            #expect(saved.touched.contains(.home))
            #expect(saved.touched.contains(.post(id)))
            #expect(try await temp.store.changes(after: before, limit: 10).map(\.keys) == [saved.touched])
            guard case .found(let post) = try await temp.store.publicPost(slug: "live") else {
                Issue.record("the live post is not public")
                return
            }
            #expect(post.body.markdown == "Fixed a typo.")
        }
    }

    @Test(arguments: StoreKind.allCases) func renamingAPublishedPostKeepsItsOldSlugRedirecting(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Old Name", authorID: author), savedBy: nil).post.id
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let renamed = try await temp.store.updatePost(
                id: id, draft("New Name", authorID: author, slug: "New Name!"), expectedUpdatedAt: nil, savedBy: nil,
                reason: .saved)
            #expect(renamed.post.slug == "new-name")
            #expect(renamed.touched.isSuperset(of: [.post(id), .home, .title("old name"), .title("new name")]))
            #expect(try await temp.store.publicPost(slug: "old-name") == .moved(to: "new-name"))
            guard case .found(let post) = try await temp.store.publicPost(slug: "new-name") else {
                Issue.record("renamed post not found at its new slug")
                return
            }
            #expect(post.id == id)
            // Saving without a slug keeps it; another post cannot take the old one.
            let kept = try await temp.store.updatePost(
                id: id, draft("New Name", authorID: author), expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            #expect(kept.post.slug == "new-name")
            let other = try await temp.store.createPost(draft("Other", authorID: author), savedBy: nil).post.id
            await #expect(throws: StoreError.slugTaken("old-name")) {
                try await temp.store.updatePost(
                    id: other, draft("Other", authorID: author, slug: "old-name"), expectedUpdatedAt: nil,
                    savedBy: nil, reason: .saved)
            }
            await #expect(throws: StoreError.slugTaken("new-name")) {
                try await temp.store.createPost(draft("Third", authorID: author, slug: "new-name"), savedBy: nil)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func renamingADraftLeavesNoRedirect(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("First Try", authorID: author), savedBy: nil).post.id
            let renamed = try await temp.store.updatePost(
                id: id, draft("First Try", authorID: author, slug: "better-slug"), expectedUpdatedAt: nil,
                savedBy: nil, reason: .saved)
            #expect(renamed.post.slug == "better-slug")
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await temp.store.publicPost(slug: "first-try") == .missing)
            // The draft's old slug is free for another post.
            let other = try await temp.store.createPost(draft("First Try", authorID: author), savedBy: nil)
            #expect(other.post.slug == "first-try")
        }
    }

    @Test(arguments: StoreKind.allCases) func aRevisionHoldsWhatRestoringItNeeds(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let editor = try await NewsroomFixtures.staffUser(temp.store, "Eda Editor")
            let id = try await temp.store.createPost(
                draft(
                    "Version One", authorID: author, markdown: "First *body*.", tags: ["A", "B"],
                    customExcerpt: "Hand-written."),
                savedBy: editor
            ).post.id
            temp.clock.advance(by: 60)
            _ = try await temp.store.updatePost(
                id: id, draft("Version Two", authorID: author, markdown: "Second body.", tags: ["C"]),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            let revisions = try await temp.store.revisions(postID: id)
            #expect(revisions.map(\.title) == ["Version Two", "Version One"])
            #expect(revisions.map(\.savedByName) == [nil, "Eda Editor"])
            let first = try #require(revisions.last)
            #expect(try await temp.store.revision(id: first.id) == first)
            #expect(try await temp.store.revision(id: first.id + 1000) == nil)
            #expect(first.postID == id)
            #expect(first.markdown == "First *body*.")
            #expect(first.customExcerpt == "Hand-written.")
            #expect(first.tagNames == ["A", "B"])
            #expect(first.savedBy == editor)
            #expect(first.createdAt == TestStore.defaultNow)

            // Restoring is a save of the revision's content.
            temp.clock.advance(by: 60)
            let restored = try await temp.store.updatePost(
                id: id,
                PostDraft(
                    title: first.title, markdown: first.markdown, customExcerpt: first.customExcerpt,
                    tagNames: first.tagNames, authorID: author),
                expectedUpdatedAt: nil, savedBy: editor, reason: .restored)
            #expect(restored.post.title == "Version One")
            #expect(restored.post.excerpt == "Hand-written.")
            #expect(restored.post.customExcerpt == "Hand-written.")
            #expect(restored.post.body.html.contains("<em>body</em>"))
            #expect(restored.post.tags.map(\.name) == ["A", "B"])
            #expect(try await temp.store.revisions(postID: id).map(\.reason) == [.restored, .saved, .created])
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingAPostRemovesItsRowsCountsAndRedirects(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let keep = try await temp.store.createPost(draft("Keep", authorID: author, tags: ["A"]), savedBy: nil)
            let doomed = try await temp.store.createPost(
                draft("Doomed", authorID: author, tags: ["A", "B"]), savedBy: nil)
            for id in [keep.post.id, doomed.post.id] {
                _ = try await temp.store.setPublication(
                    postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            }
            _ = try await temp.store.updatePost(
                id: doomed.post.id, draft("Doomed", authorID: author, tags: ["A", "B"], slug: "doomed-renamed"),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            let tagA = try #require(doomed.post.tags.first?.id)
            let touched = try await temp.store.deletePost(id: doomed.post.id)
            #expect(touched.isSuperset(of: [.post(doomed.post.id), .home, .archive, .author(author), .tag(tagA)]))
            #expect(try await temp.store.post(id: doomed.post.id) == nil)
            #expect(try await temp.store.revisions(postID: doomed.post.id) == [])
            #expect(try await temp.store.publicPost(slug: "doomed") == .missing)
            #expect(try await temp.store.publicPost(slug: "doomed-renamed") == .missing)
            #expect(
                try await temp.store.publicPosts(PageRequest(number: 1, perPage: 10)).items.map(\.title) == ["Keep"])
            let tags = try await temp.store.allTags()
            #expect(tags.map(\.tag.name) == ["A", "B"])
            #expect(tags.map(\.postCount) == [1, 0])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            // The old slug is free again.
            #expect(
                try await temp.store.createPost(draft("Doomed", authorID: author), savedBy: nil).post.slug == "doomed")
            await #expect(throws: StoreError.notFound("post \(doomed.post.id)")) {
                try await temp.store.deletePost(id: doomed.post.id)
            }
        }
    }
}
