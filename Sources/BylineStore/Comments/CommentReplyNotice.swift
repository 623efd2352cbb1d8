import BylineCore

/// What a reply email says and to whom: the reply, the post it is on, and the author of the
/// comment replied to.
public struct CommentReplyNotice: Sendable, Equatable {
    public var reply: Comment
    public var postTitle: String
    public var postSlug: String
    public var recipient: Commenter

    public init(reply: Comment, postTitle: String, postSlug: String, recipient: Commenter) {
        self.reply = reply
        self.postTitle = postTitle
        self.postSlug = postSlug
        self.recipient = recipient
    }
}
