/// Why the store refused a member's comment. The web layer answers each with its own status.
public enum CommentRefusal: Error, Equatable, Sendable {
    /// No published post with that id (or it is not public yet).
    case postNotFound
    /// The comment replied to is not a published comment of that post.
    case parentNotFound
    /// A moderator stopped this member from commenting.
    case banned
    /// The member has not confirmed their address.
    case notConfirmed
    /// The member wrote ``CommentWritePlan/rateLimit`` comments within its window already.
    case rateLimited
}
