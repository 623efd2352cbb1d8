import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

@Suite struct ReviewCountProbeTests {
    @Test(arguments: StoreKind.allCases) func countsFollowEditsWhileScheduledAndAfter(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let mara = try await NewsroomFixtures.author(temp.store, "Mara Ellison")
            let otto = try await NewsroomFixtures.author(temp.store, "Otto Quill")
            let created = try await temp.store.createPost(draft("Plan", authorID: mara, tags: ["A"]), savedBy: nil)
            let id = created.post.id
            let scheduled = try await temp.store.setPublication(
                postID: id, .schedule(at: TestStore.defaultNow + 600), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            _ = try await temp.store.updatePost(
                id: id, draft("Plan B", authorID: otto, tags: ["B", "C"]),
                expectedUpdatedAt: scheduled.post.updatedAt, savedBy: nil, reason: .saved)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            temp.clock.advance(by: 601)
            #expect(try await temp.store.publishDuePosts() == [id])
            #expect(try await temp.store.publishDuePosts() == [])
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            _ = try await temp.store.updatePost(
                id: id, draft("Plan B", authorID: mara, tags: ["A"], slug: "plan-c"),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            _ = try await temp.store.setPublication(postID: id, .unpublish, expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            _ = try await temp.store.updatePost(
                id: id, draft("Plan B", authorID: otto, tags: ["C"]), expectedUpdatedAt: nil, savedBy: nil,
                reason: .saved)
            _ = try await temp.store.setPublication(postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            let tagC = try #require(try await temp.store.allTags().first { $0.tag.name == "C" })
            _ = try await temp.store.deleteTag(id: tagC.tag.id)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            _ = try await temp.store.deletePost(id: id)
            #expect(try await NewsroomFixtures.countMismatches(temp.store) == [])
            #expect(try await temp.store.publicPost(slug: "plan") == .missing)
        }
    }
}
