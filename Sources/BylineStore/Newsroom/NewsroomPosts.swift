import BylineCore
import Foundation

/// The newsroom's writes and reads of posts in every status. Permissions are the caller's job
/// (``NewsroomPermissions``); the store keeps the data consistent. Every write is one
/// transaction, keeps a revision, records the change for other nodes and returns the keys it
/// touched.
public protocol NewsroomPosts: Sendable {
    /// A new draft.
    func createPost(_ draft: PostDraft, savedBy: Int64?) async throws -> EditedPost

    /// Saves `draft` over post `id`. `expectedUpdatedAt` is the `updatedAt` the editor loaded:
    /// when the post changed since, nothing is written and ``StoreError/conflict(_:)`` says so
    /// (nil skips the check). An autosave replaces the previous autosave revision and records no
    /// change while the post is not public.
    func updatePost(
        id: Int64, _ draft: PostDraft, expectedUpdatedAt: Date?, savedBy: Int64?, reason: RevisionReason
    ) async throws -> EditedPost

    /// Publishes, schedules or unpublishes post `postID`, stating the "send by email" choice
    /// with it. A post that goes live with a newsletter chosen, and was never emailed, has its
    /// send queued (``NewsletterSendJob``) in the same transaction; unpublishing drops the choice.
    /// Refuses a newsletter that does not exist or is inactive, and a choice for a post already
    /// emailed (a resend to new members is `byline newsletter send`).
    func setPublication(
        postID: Int64, _ publication: Publication, email: PostEmailChoice, expectedUpdatedAt: Date?, savedBy: Int64?
    ) async throws -> EditedPost

    /// Deletes a post, its revisions and redirects; returns the keys it touched.
    func deletePost(id: Int64) async throws -> Set<ChangeKey>

    /// The newsroom's list, most recently updated first.
    func postListings(_ filter: PostFilter, _ page: PageRequest) async throws -> Page<PostListing>

    /// Newest first, without bodies' rendering.
    func revisions(postID: Int64) async throws -> [PostRevision]
    func revision(id: Int64) async throws -> PostRevision?

    /// Publishes every scheduled post whose time has come (by the store's coordination clock).
    /// Safe on many nodes at once: each post is published by exactly one. Returns their ids.
    func publishDuePosts() async throws -> [Int64]
}

/// Tags and authors as the newsroom manages them.
public protocol TaxonomyEditing: Sendable {
    /// Every tag with its count of published posts, by name.
    func allTags() async throws -> [TagCount]
    func updateTag(id: Int64, name: String, slug: String, description: String) async throws -> Set<ChangeKey>
    /// Removes the tag from its posts and deletes it.
    func deleteTag(id: Int64) async throws -> Set<ChangeKey>
    /// Every author, by name.
    func allAuthors() async throws -> [Author]
    func author(id: Int64) async throws -> Author?
    func updateAuthor(id: Int64, name: String, slug: String, bio: String) async throws -> Set<ChangeKey>
}

extension NewsroomPosts {
    /// Publishes, schedules or unpublishes, leaving the "send by email" choice as it is.
    public func setPublication(postID: Int64, _ publication: Publication, expectedUpdatedAt: Date?, savedBy: Int64?)
        async throws -> EditedPost
    {
        try await setPublication(
            postID: postID, publication, email: .keep, expectedUpdatedAt: expectedUpdatedAt, savedBy: savedBy)
    }
}
