import BylineCore

/// A comment as lists outside its article show it: with the post it is on and who wrote it.
public struct ModeratedComment: Sendable, Equatable {
    public var comment: Comment
    public var postTitle: String
    public var postSlug: String
    public var memberEmail: String
    /// Whether the author may no longer comment.
    public var memberBanned: Bool

    public init(comment: Comment, postTitle: String, postSlug: String, memberEmail: String, memberBanned: Bool) {
        self.comment = comment
        self.postTitle = postTitle
        self.postSlug = postSlug
        self.memberEmail = memberEmail
        self.memberBanned = memberBanned
    }
}
