import BylineCore
import Foundation

/// A post as a writer or an importer hands it to the store.
public struct PostInput: Sendable, Equatable {
    public var title: String
    public var authorName: String
    public var body: PostBody
    /// nil: derived from the body.
    public var excerpt: String?
    public var tagNames: [String]
    /// nil: keep the existing post's date, or now for a new post.
    public var publishedAt: Date?
    public var status: PostStatus
    public var visibility: Visibility
    public var statedReadingMinutes: Int?

    public init(
        title: String, authorName: String, body: PostBody, excerpt: String? = nil,
        tagNames: [String] = [], publishedAt: Date? = nil, status: PostStatus = .published,
        visibility: Visibility = .public, statedReadingMinutes: Int? = nil
    ) {
        self.title = title
        self.authorName = authorName
        self.body = body
        self.excerpt = excerpt
        self.tagNames = tagNames
        self.publishedAt = publishedAt
        self.status = status
        self.visibility = visibility
        self.statedReadingMinutes = statedReadingMinutes
    }
}

/// What saving a post did.
public struct SavedPost: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case created
        case updated
    }

    public var id: Int64
    public var slug: String
    public var title: String
    public var outcome: Outcome

    public init(id: Int64, slug: String, title: String, outcome: Outcome) {
        self.id = id
        self.slug = slug
        self.title = title
        self.outcome = outcome
    }
}

/// The answer to "which public post lives at this slug?".
public enum PostLookup: Sendable, Equatable {
    case found(Post)
    /// The slug is an old one: the post now lives at this slug.
    case moved(to: String)
    case missing
}
