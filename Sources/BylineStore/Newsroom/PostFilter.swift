import BylineCore
import Foundation

/// Which posts the newsroom's list shows. Every field narrows; nil means any.
public struct PostFilter: Sendable, Equatable {
    public var status: PostStatus?
    public var authorID: Int64?
    public var tagSlug: String?
    /// Words the title must contain (case-insensitive).
    public var search: String?

    public init(status: PostStatus? = nil, authorID: Int64? = nil, tagSlug: String? = nil, search: String? = nil) {
        self.status = status
        self.authorID = authorID
        self.tagSlug = tagSlug
        self.search = search
    }
}

/// One line of the newsroom's posts list.
public struct PostListing: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var slug: String
    public var status: PostStatus
    public var visibility: Visibility
    public var publishedAt: Date?
    public var updatedAt: Date
    public var author: Author
    public var tags: [Tag]

    public init(
        id: Int64, title: String, slug: String, status: PostStatus, visibility: Visibility, publishedAt: Date?,
        updatedAt: Date, author: Author, tags: [Tag]
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.status = status
        self.visibility = visibility
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.author = author
        self.tags = tags
    }
}
