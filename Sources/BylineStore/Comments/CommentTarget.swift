import BylineCore
import Foundation

/// A post as comments need it: where it lives and whether the gate lets a reader see it.
public struct CommentTarget: Sendable, Equatable {
    public var postID: Int64
    public var slug: String
    public var title: String
    public var visibility: Visibility
    public var publishedAt: Date

    public init(postID: Int64, slug: String, title: String, visibility: Visibility, publishedAt: Date) {
        self.postID = postID
        self.slug = slug
        self.title = title
        self.visibility = visibility
        self.publishedAt = publishedAt
    }
}
