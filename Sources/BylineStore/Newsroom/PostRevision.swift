import BylineCore
import Foundation

/// A post as it was at one save: what the revisions list shows, compares and restores.
public struct PostRevision: Sendable, Equatable {
    public var id: Int64
    public var postID: Int64
    public var title: String
    public var markdown: String
    public var customExcerpt: String?
    public var tagNames: [String]
    /// The staff member who saved it (nil: an import, or a user since removed).
    public var savedBy: Int64?
    public var savedByName: String?
    public var reason: RevisionReason
    public var createdAt: Date

    public init(
        id: Int64, postID: Int64, title: String, markdown: String, customExcerpt: String?, tagNames: [String],
        savedBy: Int64?, savedByName: String?, reason: RevisionReason, createdAt: Date
    ) {
        self.id = id
        self.postID = postID
        self.title = title
        self.markdown = markdown
        self.customExcerpt = customExcerpt
        self.tagNames = tagNames
        self.savedBy = savedBy
        self.savedByName = savedByName
        self.reason = reason
        self.createdAt = createdAt
    }
}
