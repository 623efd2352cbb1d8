import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Comments in the store, on both engines: threading, counts kept on the post through every
/// write, moderation, bans, the rate limit, member deletion and the reply email job.
@Suite struct CommentStoreTests {
    /// A published post and a confirmed member, the comment settings `settings`.
    private func setUp(_ temp: TestStore) async throws -> (post: SavedPost, member: Member) {
        let post = try await temp.store.upsertPost(matchingTitle: input("Harbour Reopens", tags: ["Ports"]))
        let member = try await MemberFixtures.confirmed(temp.store, "reader@example.com")
        return (post, member)
    }

    private func plan(
        _ temp: TestStore, post: Int64, member: Int64, parent: Int64? = nil, _ text: String,
        settings: CommentSettings = CommentSettings(holdFirstComment: false)
    ) throws -> CommentWritePlan {
        try CommentWritePlan(
            postID: post, memberID: member, parentID: parent, text: text, settings: settings, now: temp.clock.now())
    }

    /// Adds a comment and returns it as stored.
    private func add(_ temp: TestStore, _ plan: CommentWritePlan) async throws -> BylineCore.Comment {
        let change = try await temp.store.addComment(plan)
        return try #require(change.comment)
    }

    private func count(_ temp: TestStore, _ postID: Int64) async throws -> Int {
        try await temp.store.publicPosts(PageRequest(number: 1, perPage: 50)).items.first { $0.id == postID }?
            .commentCount ?? -1
    }

    @Test(arguments: StoreKind.allCases) func threadsAndCountsFollowEveryWrite(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let other = try await MemberFixtures.confirmed(temp.store, "other@example.com")
            let first = try await add(temp, plan(temp, post: post.id, member: member.id, "First!"))
            temp.clock.advance(by: 1)
            let reply = try await add(temp, plan(temp, post: post.id, member: other.id, parent: first.id, "A reply"))
            temp.clock.advance(by: 1)
            // A reply to a reply attaches to the top-level comment.
            let nested = try await add(
                temp, plan(temp, post: post.id, member: member.id, parent: reply.id, "Reply to the reply"))
            #expect(reply.parentID == first.id)
            #expect(nested.parentID == first.id)
            #expect(try await count(temp, post.id) == 3)

            let threads = try await temp.store.publishedComments(postID: post.id, limit: 200)
            #expect(threads.totalThreads == 1)
            #expect(threads.threads.map(\.comment.id) == [first.id])
            #expect(threads.threads.first?.replies.map(\.id) == [reply.id, nested.id])

            _ = try await temp.store.setCommentStatus(id: reply.id, .hidden)
            #expect(try await count(temp, post.id) == 2)
            #expect(try await temp.store.publishedComments(postID: post.id, limit: 200).threads[0].replies == [nested])
            _ = try await temp.store.setCommentStatus(id: reply.id, .published)
            #expect(try await count(temp, post.id) == 3)

            // Deleting the top-level comment takes its replies with it.
            #expect(try await temp.store.deleteComment(id: first.id, memberID: other.id) == nil)
            let deleted = try await temp.store.deleteComment(id: first.id, memberID: member.id)
            #expect(deleted?.touched.contains(.home) == true)
            #expect(try await count(temp, post.id) == 0)
            #expect(try await temp.store.comment(id: reply.id) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func firstCommentIsHeldUntilApproved(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let held = CommentSettings(holdFirstComment: true)
            let first = try await add(temp, plan(temp, post: post.id, member: member.id, "Hello", settings: held))
            #expect(first.status == .pending)
            #expect(try await count(temp, post.id) == 0)
            #expect(try await temp.store.publishedComments(postID: post.id, limit: 10).threads.isEmpty)
            #expect(try await temp.store.pendingCommentCount() == 1)
            let queue = try await temp.store.moderationQueue(status: .pending, PageRequest(number: 1, perPage: 20))
            #expect(queue.items.map(\.comment.id) == [first.id])
            #expect(queue.items.first?.memberEmail == "reader@example.com")

            _ = try await temp.store.setCommentStatus(id: first.id, .published)
            #expect(try await count(temp, post.id) == 1)
            // Trusted from now on.
            let second = try await add(temp, plan(temp, post: post.id, member: member.id, "Again", settings: held))
            #expect(second.status == .published)
            #expect(try await count(temp, post.id) == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func banRateLimitAndUnknownTargetsAreRefused(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let draft = try await temp.store.upsertPost(matchingTitle: input("Draft Story", status: .draft))
            await #expect(throws: CommentRefusal.postNotFound) {
                try await add(temp, plan(temp, post: draft.id, member: member.id, "Hi"))
            }
            await #expect(throws: CommentRefusal.parentNotFound) {
                try await add(temp, plan(temp, post: post.id, member: member.id, parent: 999_999, "Hi"))
            }
            let limit = CommentWritePlan.RateLimit.standard
            for number in 0..<limit.count {
                _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Comment \(number)"))
                temp.clock.advance(by: 1)
            }
            await #expect(throws: CommentRefusal.rateLimited) {
                try await add(temp, plan(temp, post: post.id, member: member.id, "One too many"))
            }
            temp.clock.advance(by: limit.window)
            _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Later"))

            try await temp.store.setCommentsBanned(memberID: member.id, true)
            #expect(try await temp.store.commenter(memberID: member.id)?.banned == true)
            await #expect(throws: CommentRefusal.banned) {
                try await add(temp, plan(temp, post: post.id, member: member.id, "Banned"))
            }
            try await temp.store.setCommentsBanned(memberID: member.id, false)
            _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Unbanned"))

            let pending = try await temp.store.requestSignup(email: "pending@example.com")
            await #expect(throws: CommentRefusal.notConfirmed) {
                try await add(temp, plan(temp, post: post.id, member: pending.memberID, "Hi"))
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingAMemberRemovesTheirCommentsAndRecounts(kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let other = try await MemberFixtures.confirmed(temp.store, "other@example.com")
            let mine = try await add(temp, plan(temp, post: post.id, member: member.id, "Mine"))
            _ = try await add(temp, plan(temp, post: post.id, member: other.id, "Theirs"))
            _ = try await add(temp, plan(temp, post: post.id, member: other.id, parent: mine.id, "Reply to mine"))
            #expect(try await count(temp, post.id) == 3)
            let before = try await temp.store.latestChange()
            try await temp.store.deleteMember(id: member.id)
            #expect(try await count(temp, post.id) == 1)
            #expect(try await temp.store.comment(id: mine.id) == nil)
            let keys = try await temp.store.changes(after: before, limit: 10).flatMap(\.keys)
            #expect(keys.contains(.post(post.id)))
            #expect(keys.contains(.home))
        }
    }

    @Test(arguments: StoreKind.allCases) func writesRecordTheChangeKeysOfThePagesTheyTouch(kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            var before = try await temp.store.latestChange()
            let comment = try await add(temp, plan(temp, post: post.id, member: member.id, "Counted"))
            var keys = Set(try await temp.store.changes(after: before, limit: 10).flatMap(\.keys))
            #expect(keys.isSuperset(of: [.post(post.id), .home, .archive]))

            before = try await temp.store.latestChange()
            let edited = try await temp.store.editComment(
                id: comment.id, memberID: member.id, body: "Edited",
                editableSince: temp.clock.now().addingTimeInterval(-60), holdFirstComment: false)
            #expect(edited?.comment?.body == "Edited")
            #expect(edited?.comment?.editedAt != nil)
            #expect(edited?.touched == [.post(post.id)])
            keys = Set(try await temp.store.changes(after: before, limit: 10).flatMap(\.keys))
            #expect(keys == [.post(post.id)])

            // Past the window, or another member's: nothing changes.
            temp.clock.advance(by: BylineCore.Comment.editWindow + 1)
            #expect(
                try await temp.store.editComment(
                    id: comment.id, memberID: member.id, body: "Late",
                    editableSince: temp.clock.now().addingTimeInterval(-BylineCore.Comment.editWindow),
                    holdFirstComment: false) == nil)
            #expect(try await temp.store.comment(id: comment.id)?.body == "Edited")
        }
    }

    @Test(arguments: StoreKind.allCases) func aReplyQueuesOneEmailForTheParentsAuthor(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let other = try await MemberFixtures.confirmed(temp.store, "other@example.com")
            let parent = try await add(temp, plan(temp, post: post.id, member: member.id, "Parent"))
            // Other work (the post's own jobs) may be queued already.
            let queued = try await temp.store.jobCounts().queued
            // Replying to oneself mails nobody.
            let own = try await add(temp, plan(temp, post: post.id, member: member.id, parent: parent.id, "Own reply"))
            #expect(try await temp.store.jobCounts().queued == queued)
            // A held reply is mailed when approved, once however often it is approved.
            let held = try await add(
                temp,
                plan(
                    temp, post: post.id, member: other.id, parent: parent.id, "Held reply",
                    settings: CommentSettings(holdFirstComment: true)))
            #expect(held.status == .pending)
            #expect(try await temp.store.jobCounts().queued == queued)
            _ = try await temp.store.setCommentStatus(id: held.id, .published)
            _ = try await temp.store.setCommentStatus(id: held.id, .hidden)
            _ = try await temp.store.setCommentStatus(id: held.id, .published)
            #expect(try await temp.store.jobCounts().queued == queued + 1)
            let job = try await temp.store.claim(worker: "w", kinds: [CommentReplyEmail.kind], lease: .seconds(60))
            #expect(job.flatMap { CommentReplyEmail(payload: $0.payload) }?.commentID == held.id)
            _ = own
        }
    }

    @Test(arguments: StoreKind.allCases) func snapshotsKeepComments(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Kept"))
            let snapshot = try await temp.store.snapshot()
            let table = snapshot.tables.first { $0.name == "comments" }
            #expect(table?.rows.count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func editsCannotBypassModerationOrABan(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let held = CommentSettings(holdFirstComment: true)
            let first = try await add(temp, plan(temp, post: post.id, member: member.id, "Harmless", settings: held))
            _ = try await temp.store.setCommentStatus(id: first.id, .published)
            #expect(try await count(temp, post.id) == 1)
            let window = temp.clock.now().addingTimeInterval(-BylineCore.Comment.editWindow)
            // The member's only approved comment, edited while first comments are held: back to
            // the moderators, off the article and the count.
            let before = try await temp.store.latestChange()
            let edited = try await temp.store.editComment(
                id: first.id, memberID: member.id, body: "Buy pills", editableSince: window, holdFirstComment: true)
            #expect(edited?.comment?.status == .pending)
            #expect(edited?.touched.isSuperset(of: [.post(post.id), .home]) == true)
            #expect(try await count(temp, post.id) == 0)
            let keys = Set(try await temp.store.changes(after: before, limit: 10).flatMap(\.keys))
            #expect(keys.isSuperset(of: [.post(post.id), .home]))
            // With another approved comment the member is trusted: the edit stays published.
            _ = try await temp.store.setCommentStatus(id: first.id, .published)
            let second = try await add(temp, plan(temp, post: post.id, member: member.id, "Second", settings: held))
            #expect(second.status == .published)
            let trusted = try await temp.store.editComment(
                id: first.id, memberID: member.id, body: "Fixed typo", editableSince: window, holdFirstComment: true)
            #expect(trusted?.comment?.status == .published)
            // A banned member edits nothing.
            try await temp.store.setCommentsBanned(memberID: member.id, true)
            await #expect(throws: CommentRefusal.self) {
                _ = try await temp.store.editComment(
                    id: first.id, memberID: member.id, body: "Spam", editableSince: window, holdFirstComment: false)
            }
            #expect(try await temp.store.comment(id: first.id)?.body == "Fixed typo")
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingACommentDoesNotResetTheRateLimit(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let limit = CommentWritePlan.RateLimit.standard.count
            for index in 0..<limit {
                let comment = try await add(temp, plan(temp, post: post.id, member: member.id, "Attempt \(index)"))
                _ = try await temp.store.deleteComment(id: comment.id, memberID: member.id)
                temp.clock.advance(by: 1)
            }
            await #expect(throws: CommentRefusal.self) {
                _ = try await temp.store.addComment(plan(temp, post: post.id, member: member.id, "One more"))
            }
            // Once the window has passed, the member may post again.
            temp.clock.advance(by: CommentWritePlan.RateLimit.standard.window + 1)
            _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Later"))
        }
    }

    @Test(arguments: StoreKind.allCases) func repliesUnderAHiddenParentAreNotCounted(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            let other = try await MemberFixtures.confirmed(temp.store, "other@example.com")
            let parent = try await add(temp, plan(temp, post: post.id, member: member.id, "Parent"))
            let reply = try await add(temp, plan(temp, post: post.id, member: other.id, parent: parent.id, "Reply"))
            #expect(try await count(temp, post.id) == 2)
            let hidden = try await temp.store.setCommentStatus(id: parent.id, .hidden)
            #expect(hidden?.touched.contains(.home) == true)
            // The article shows neither: the card says so, the reply's author does not see it
            // listed as on the article, and no reply email goes out for it.
            #expect(try await count(temp, post.id) == 0)
            #expect(try await temp.store.recentComments(memberID: other.id, limit: 10).isEmpty)
            #expect(try await temp.store.takeReplyEmail(commentID: reply.id) == nil)
            _ = try await temp.store.setCommentStatus(id: parent.id, .published)
            #expect(try await count(temp, post.id) == 2)
            #expect(try await temp.store.recentComments(memberID: other.id, limit: 10).map(\.comment.id) == [reply.id])
            // The skipped email was taken: it is not sent late.
            #expect(try await temp.store.takeReplyEmail(commentID: reply.id) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func aRenameDropsTheArticlesShowingTheOldName(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (post, member) = try await setUp(temp)
            _ = try await add(temp, plan(temp, post: post.id, member: member.id, "Signed"))
            var before = try await temp.store.latestChange()
            _ = try await temp.store.updateMember(id: member.id, name: "New Name")
            let keys = Set(try await temp.store.changes(after: before, limit: 10).flatMap(\.keys))
            #expect(keys.contains(.post(post.id)))
            #expect(try await temp.store.commentPages(memberID: member.id) == [.post(post.id)])
            // Saving the same name changes no page.
            before = try await temp.store.latestChange()
            _ = try await temp.store.updateMember(id: member.id, name: "New Name")
            #expect(try await temp.store.changes(after: before, limit: 10).isEmpty)
        }
    }
}
