/// The site's comment settings: whether members may comment, whether a member's first comment
/// waits for a moderator, and how many links one comment may carry.
public struct CommentSettings: Sendable, Equatable {
    /// Whether articles show comments and take new ones.
    public var enabled: Bool
    /// Whether a member's first comment waits for approval (a member with a published comment
    /// is trusted from then on).
    public var holdFirstComment: Bool
    /// The most links one comment may carry; more is refused (spam carries many).
    public var maxLinks: Int

    public static let maxLinksRange = 0...20

    public init(enabled: Bool = true, holdFirstComment: Bool = true, maxLinks: Int = 3) {
        self.enabled = enabled
        self.holdFirstComment = holdFirstComment
        self.maxLinks = maxLinks
    }
}
