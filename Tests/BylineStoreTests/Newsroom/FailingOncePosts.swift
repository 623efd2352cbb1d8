import BylineCore
import BylineStore
import Foundation
import Synchronization

/// A store whose first `publishDuePosts()` fails, as when the database is away for a moment;
/// everything else, and later rounds, go to the real store.
final class FailingOncePosts: NewsroomPosts {
    let base: SiteStore
    private let calls = Mutex(0)

    init(_ base: SiteStore) {
        self.base = base
    }

    /// How many rounds it was asked for (the first failed).
    var rounds: Int { calls.withLock { $0 } }

    func publishDuePosts() async throws -> [Int64] {
        let first = calls.withLock { count in
            defer { count += 1 }
            return count == 0
        }
        if first { throw StoreError.notFound("the database, for a moment") }
        return try await base.publishDuePosts()
    }

    func createPost(_ draft: PostDraft, savedBy: Int64?) async throws -> EditedPost {
        try await base.createPost(draft, savedBy: savedBy)
    }

    func updatePost(
        id: Int64, _ draft: PostDraft, expectedUpdatedAt: Date?, savedBy: Int64?, reason: RevisionReason
    ) async throws -> EditedPost {
        try await base.updatePost(
            id: id, draft, expectedUpdatedAt: expectedUpdatedAt, savedBy: savedBy, reason: reason)
    }

    func setPublication(
        postID: Int64, _ publication: Publication, email: PostEmailChoice, expectedUpdatedAt: Date?, savedBy: Int64?
    ) async throws -> EditedPost {
        try await base.setPublication(
            postID: postID, publication, email: email, expectedUpdatedAt: expectedUpdatedAt, savedBy: savedBy)
    }

    func deletePost(id: Int64) async throws -> Set<ChangeKey> { try await base.deletePost(id: id) }

    func postListings(_ filter: PostFilter, _ page: PageRequest) async throws -> Page<PostListing> {
        try await base.postListings(filter, page)
    }

    func revisions(postID: Int64) async throws -> [PostRevision] { try await base.revisions(postID: postID) }

    func revision(id: Int64) async throws -> PostRevision? { try await base.revision(id: id) }
}
