import Foundation

/// One comment under an article, with the name it is shown under.
public struct Comment: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var postID: Int64
    public var memberID: Int64
    /// The top-level comment this one replies to; nil for a top-level comment.
    public var parentID: Int64?
    /// The member's plain text, cleaned (``CommentText/cleaned(_:)``); rendered with
    /// ``CommentText/html(_:)`` only.
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date
    /// When the member last changed the text; nil when never.
    public var editedAt: Date?
    /// The member's name now (empty when they gave none: pages say "A reader").
    public var authorName: String

    /// What pages show for a member who gave no name.
    public static let anonymousName = "A reader"
    /// How long after posting a member may still change or delete their comment themselves.
    public static let editWindow: TimeInterval = 15 * 60

    public init(
        id: Int64, postID: Int64, memberID: Int64, parentID: Int64?, body: String, status: CommentStatus,
        createdAt: Date, editedAt: Date?, authorName: String
    ) {
        self.id = id
        self.postID = postID
        self.memberID = memberID
        self.parentID = parentID
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.authorName = authorName
    }

    /// The name pages show.
    public var displayName: String { authorName.isEmpty ? Self.anonymousName : authorName }

    /// Whether the member may still edit it at `now`.
    public func isEditable(at now: Date) -> Bool {
        now.timeIntervalSince(createdAt) <= Self.editWindow
    }
}
