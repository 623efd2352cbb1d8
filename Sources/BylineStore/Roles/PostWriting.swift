import BylineCore

/// Editorial writes: what importers and, later, the newsroom change.
public protocol PostWriting: Sendable {
    /// Creates a post, or updates the post whose title matches (``TitleKey``): the import rule.
    /// Author and tags are found by name or created, all in one transaction.
    func upsertPost(matchingTitle input: PostInput) async throws -> SavedPost

    /// ``upsertPost(matchingTitle:)`` for many posts in one transaction: bulk imports. Either all
    /// are saved or, when one is invalid, none (``StoreError/invalidInput(_:)`` names it).
    func upsertPosts(matchingTitles inputs: [PostInput]) async throws -> [SavedPost]

    /// Gives a post a new slug and keeps the old one redirecting to it. A slug that another post
    /// used before (its old links redirect there) is refused with ``StoreError/slugTaken(_:)``
    /// unless `takingOverRedirect` is true, which ends that redirect.
    func changeSlug(postID: Int64, to slug: String, takingOverRedirect: Bool) async throws -> String

    /// Number of posts in any status.
    func postCount() async throws -> Int

    /// A post in any status.
    func post(id: Int64) async throws -> Post?
}

extension PostWriting {
    public func changeSlug(postID: Int64, to slug: String) async throws -> String {
        try await changeSlug(postID: postID, to: slug, takingOverRedirect: false)
    }
}
