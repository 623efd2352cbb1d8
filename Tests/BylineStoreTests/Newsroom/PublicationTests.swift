import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Publishing, scheduling and unpublishing: who sees a post, when, and the counts that follow.
@Suite struct PublicationTests {
    @Test(arguments: StoreKind.allCases) func publishUnpublishAndPublishAgainKeepsTheFirstDate(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let editor = try await NewsroomFixtures.staffUser(temp.store, "Eda Editor")
            let created = try await temp.store.createPost(
                draft("Breaking", authorID: author, tags: ["A"]), savedBy: nil)
            let id = created.post.id
            let tag = try #require(created.post.tags.first?.id)
            let page = PageRequest(number: 1, perPage: 10)
            temp.clock.advance(by: 60)
            let published = try await temp.store.setPublication(
                postID: id, .publish(at: nil), expectedUpdatedAt: created.post.updatedAt, savedBy: editor)
            #expect(published.post.status == .published)
            #expect(published.post.publishedAt == TestStore.defaultNow + 60)
            #expect(published.touched == [.post(id), .home, .archive, .author(author), .tag(tag), .title("breaking")])
            #expect(try await temp.store.publicPosts(page).items.map(\.title) == ["Breaking"])
            #expect(try await temp.store.publicPosts(tagSlug: "a", page)?.1.totalItems == 1)
            #expect(try await temp.store.revisions(postID: id).map(\.reason) == [.published, .created])
            #expect(try await temp.store.revisions(postID: id).first?.savedByName == "Eda Editor")
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])

            temp.clock.advance(by: 60)
            let unpublished = try await temp.store.setPublication(
                postID: id, .unpublish, expectedUpdatedAt: nil, savedBy: editor)
            #expect(unpublished.post.status == .draft)
            #expect(unpublished.post.publishedAt == TestStore.defaultNow + 60)
            #expect(unpublished.touched.isSuperset(of: [.post(id), .home, .tag(tag)]))
            #expect(try await temp.store.publicPost(slug: "breaking") == .missing)
            #expect(try await temp.store.publicPosts(page).totalItems == 0)
            #expect(try await temp.store.publicPosts(tagSlug: "a", page)?.1.totalItems == 0)
            #expect(try await temp.store.archiveMonths(timeZone: TimeZone(identifier: "UTC")!) == [])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])

            temp.clock.advance(by: 3600)
            let again = try await temp.store.setPublication(
                postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: editor)
            #expect(again.post.publishedAt == TestStore.defaultNow + 60)
            guard case .found = try await temp.store.publicPost(slug: "breaking") else {
                Issue.record("the post published again is not public")
                return
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func aBackdatedPublicationKeepsItsDateAndAFutureOneIsRefused(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Archive Piece", authorID: author), savedBy: nil).post.id
            let now = temp.clock.now()
            await #expect(throws: StoreError.self) {
                try await temp.store.setPublication(
                    postID: id, .publish(at: now + 60), expectedUpdatedAt: nil, savedBy: nil)
            }
            await #expect(throws: StoreError.self) {
                try await temp.store.setPublication(
                    postID: id, .schedule(at: now - 60), expectedUpdatedAt: nil, savedBy: nil)
            }
            #expect(try await temp.store.post(id: id)?.status == .draft)
            let backdated = try await temp.store.setPublication(
                postID: id, .publish(at: now - 86400 * 40), expectedUpdatedAt: nil, savedBy: nil)
            #expect(backdated.post.publishedAt == now - 86400 * 40)
            // A live post is unpublished before it is scheduled.
            await #expect(throws: StoreError.self) {
                try await temp.store.setPublication(
                    postID: id, .schedule(at: now + 60), expectedUpdatedAt: nil, savedBy: nil)
            }
            #expect(try await temp.store.post(id: id)?.status == .published)
        }
    }

    @Test(arguments: StoreKind.allCases) func aScheduledPostIsHiddenUncountedThenPublishedOnce(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Embargoed", authorID: author, tags: ["A"]), savedBy: nil)
                .post.id
            let live = try await temp.store.createPost(draft("Live", authorID: author, tags: ["A"]), savedBy: nil).post
                .id
            _ = try await temp.store.setPublication(
                postID: live, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let at = temp.clock.now() + 600
            let scheduled = try await temp.store.setPublication(
                postID: id, .schedule(at: at), expectedUpdatedAt: nil, savedBy: nil)
            #expect(scheduled.post.status == .scheduled)
            #expect(scheduled.post.publishedAt == at)
            #expect(scheduled.touched == [.post(id)])
            let page = PageRequest(number: 1, perPage: 10)
            #expect(try await temp.store.publicPost(slug: "embargoed") == .missing)
            #expect(try await temp.store.publicPosts(page).items.map(\.title) == ["Live"])
            #expect(try await temp.store.publicPosts(tagSlug: "a", page)?.1.totalItems == 1)
            #expect(try await temp.store.publicPosts(authorSlug: "mara-ellison", page)?.1.totalItems == 1)
            #expect(try await temp.store.allTags().map(\.postCount) == [1])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            #expect(try await temp.store.publishDuePosts() == [])

            temp.clock.advance(by: 599)
            #expect(try await temp.store.publishDuePosts() == [])
            temp.clock.advance(by: 1)
            let before = try await temp.store.latestChange()
            #expect(try await temp.store.publishDuePosts() == [id])
            let post = try #require(try await temp.store.post(id: id))
            #expect(post.status == .published)
            #expect(post.publishedAt == at)
            #expect(post.updatedAt == scheduled.post.updatedAt)
            let changes = try await temp.store.changes(after: before, limit: 10)
            #expect(changes.count == 1)
            #expect(changes.first?.keys.isSuperset(of: [.post(id), .home, .archive, .author(author)]) == true)
            #expect(try await temp.store.publicPosts(page).items.map(\.title) == ["Embargoed", "Live"])
            #expect(try await temp.store.publicPosts(tagSlug: "a", page)?.1.totalItems == 2)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            #expect(try await temp.store.publishDuePosts() == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func unpublishingAScheduledPostDropsItsTime(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Maybe", authorID: author), savedBy: nil).post.id
            _ = try await temp.store.setPublication(
                postID: id, .schedule(at: temp.clock.now() + 60), expectedUpdatedAt: nil, savedBy: nil)
            let draft = try await temp.store.setPublication(
                postID: id, .unpublish, expectedUpdatedAt: nil, savedBy: nil)
            #expect(draft.post.status == .draft)
            #expect(draft.post.publishedAt == nil)
            temp.clock.advance(by: 120)
            #expect(try await temp.store.publishDuePosts() == [])
            // Publishing a scheduled post early makes it live now.
            _ = try await temp.store.setPublication(
                postID: id, .schedule(at: temp.clock.now() + 60), expectedUpdatedAt: nil, savedBy: nil)
            let early = try await temp.store.setPublication(
                postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(early.post.publishedAt == temp.clock.now())
        }
    }

    @Test(arguments: StoreKind.allCases) func countsFollowTagAndAuthorChangesOfALivePost(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let ana = try await NewsroomFixtures.author(temp.store, "Ana")
            let ben = try await NewsroomFixtures.author(temp.store, "Ben")
            let id = try await temp.store.createPost(draft("Moving", authorID: ana, tags: ["A", "B"]), savedBy: nil)
                .post.id
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            let saved = try await temp.store.updatePost(
                id: id, draft("Moving", authorID: ben, tags: ["B", "C"]), expectedUpdatedAt: nil, savedBy: nil,
                reason: .saved)
            let ids = Dictionary(uniqueKeysWithValues: try await temp.store.allTags().map { ($0.tag.name, $0.tag.id) })
            #expect(
                saved.touched.isSuperset(of: [
                    .author(ana), .author(ben), .tag(ids["A"]!), .tag(ids["B"]!), .tag(ids["C"]!),
                ]))
            #expect(try await temp.store.allTags().map(\.postCount) == [0, 1, 1])
            let page = PageRequest(number: 1, perPage: 10)
            #expect(try await temp.store.publicPosts(tagSlug: "a", page)?.1.items.map(\.title) == [])
            #expect(try await temp.store.publicPosts(tagSlug: "c", page)?.1.items.map(\.title) == ["Moving"])
            #expect(try await temp.store.publicPosts(authorSlug: "ana", page)?.1.totalItems == 0)
            #expect(try await temp.store.publicPosts(authorSlug: "ben", page)?.1.items.map(\.title) == ["Moving"])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func twoNodesPublishingAtOnceEachPublishEveryPostOnce(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let other = try await temp.openAnother()
            var ids: [Int64] = []
            for number in 0..<40 {
                let id = try await temp.store.createPost(
                    draft("Scheduled \(number)", authorID: author, tags: number % 2 == 0 ? ["Even"] : ["Odd"]),
                    savedBy: nil
                ).post.id
                _ = try await temp.store.setPublication(
                    postID: id, .schedule(at: temp.clock.now() + 60 + Double(number)), expectedUpdatedAt: nil,
                    savedBy: nil)
                ids.append(id)
            }
            temp.clock.advance(by: 200)
            let stores = [temp.store, other]
            let rounds = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for index in 0..<6 {
                    let store = stores[index % 2]
                    group.addTask { try await store.publishDuePosts() }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let published = rounds.flatMap { $0 }
            #expect(published.count == ids.count)
            #expect(published.sorted() == ids.sorted())
            #expect(try await temp.store.publicPosts(PageRequest(number: 1, perPage: 1)).totalItems == 40)
            #expect(try await temp.store.allTags().map(\.postCount) == [20, 20])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func theSchedulerCatchesUpOnStartThenKeepsPublishing(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let missed = try await temp.store.createPost(draft("Missed", authorID: author), savedBy: nil).post.id
            _ = try await temp.store.setPublication(
                postID: missed, .schedule(at: temp.clock.now() + 60), expectedUpdatedAt: nil, savedBy: nil)
            // The site was down when it came due.
            temp.clock.advance(by: 3600)
            let publisher = ScheduledPublisher(
                posts: temp.store, logger: newsroomTestLogger, interval: .milliseconds(50))
            let task = Task { try await publisher.run() }
            defer { task.cancel() }
            #expect(try await waitUntil { try await temp.store.post(id: missed)?.status == .published })

            let later = try await temp.store.createPost(draft("Later", authorID: author), savedBy: nil).post.id
            _ = try await temp.store.setPublication(
                postID: later, .schedule(at: temp.clock.now() + 60), expectedUpdatedAt: nil, savedBy: nil)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await temp.store.post(id: later)?.status == .scheduled)
            temp.clock.advance(by: 60)
            #expect(try await waitUntil { try await temp.store.post(id: later)?.status == .published })
            task.cancel()
            _ = await task.result
        }
    }

    @Test(arguments: StoreKind.allCases) func theSchedulerSurvivesAFailedRound(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let id = try await temp.store.createPost(draft("Due", authorID: author), savedBy: nil).post.id
            _ = try await temp.store.setPublication(
                postID: id, .schedule(at: temp.clock.now() + 60), expectedUpdatedAt: nil, savedBy: nil)
            temp.clock.advance(by: 60)
            let posts = FailingOncePosts(temp.store)
            let publisher = ScheduledPublisher(posts: posts, logger: newsroomTestLogger, interval: .milliseconds(50))
            #expect(await publisher.publishOnce() == [])
            #expect(try await temp.store.post(id: id)?.status == .scheduled)
            let task = Task { try await publisher.run() }
            #expect(try await waitUntil { try await temp.store.post(id: id)?.status == .published })
            #expect(posts.rounds >= 2)
            task.cancel()
            _ = await task.result
        }
    }

    @Test(arguments: StoreKind.allCases) func postsScheduledTheOldWayBecomeScheduledAtOpen(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            // Before scheduling had a status: published, dated to come. Far enough ahead that
            // PostgreSQL's own clock, which its opening goes by, agrees.
            let future = temp.clock.now() + 86400 * 365 * 5
            // Saves no longer write that shape: make it by hand, as an older release left it.
            let old = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Old Style", authorName: "Mara Ellison", markdown: "Text.", tagNames: ["A"],
                    status: .published))
            let oldID = old.id
            try await temp.store.engine.write { db in
                try db.execute("UPDATE posts SET published_at = \(future) WHERE id = \(oldID)")
                try db.execute("UPDATE post_tags SET published_at = \(future) WHERE post_id = \(oldID)")
            }
            let live = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Live", authorName: "Mara Ellison", markdown: "Text.", tagNames: ["A"], status: .published))
            #expect(try await temp.store.post(id: old.id)?.status == .published)

            let reopened = try await temp.openAnother()
            #expect(try await reopened.post(id: old.id)?.status == .scheduled)
            #expect(try await reopened.post(id: old.id)?.publishedAt == future)
            #expect(try await reopened.post(id: live.id)?.status == .published)
            #expect(try await reopened.allTags().map(\.postCount) == [1])
            #expect(try await NewsroomFixtures.countMismatches(reopened) == [])
            #expect(try await reopened.scheduleFutureDatedPosts() == 0)
            temp.clock.set(future)
            #expect(try await reopened.publishDuePosts() == [old.id])
            #expect(try await reopened.allTags().map(\.postCount) == [2])
        }
    }
}
