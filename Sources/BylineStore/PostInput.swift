import BylineCore
import Foundation

/// A post as a writer or an importer hands it to the store.
///
/// An optional field left nil is one the writer does not state: a new post takes the default,
/// an update keeps what the post has. So re-importing a file changes only what the file says
/// and never reverts what an editor set (status, visibility, excerpt, and the slug, which an
/// update never changes).
public struct PostInput: Sendable, Equatable {
    public var title: String
    public var authorName: String
    /// The body's Markdown source; rendered when saved.
    public var markdown: String
    /// An editor's excerpt. nil: a new post's is derived from the body; an update keeps the
    /// post's own excerpt if an editor wrote one, else derives it again.
    public var excerpt: String?
    /// nil: a new post has no tags; an update keeps the post's tags.
    public var tagNames: [String]?
    /// nil: keep the existing post's date, or now for a new post.
    public var publishedAt: Date?
    /// nil: a new post is published, or scheduled when ``publishedAt`` is still to come; an
    /// update keeps its status.
    public var status: PostStatus?
    /// nil: a new post is public; an update keeps its visibility.
    public var visibility: Visibility?
    public var statedReadingMinutes: Int?
    /// The lead image's address and alt text (an article file's `Image:` and `Image-Alt:`);
    /// nil: a new post has none, an update keeps what an editor set.
    public var featureImage: String?
    public var featureImageAlt: String?

    public init(
        title: String, authorName: String, markdown: String, excerpt: String? = nil,
        tagNames: [String]? = nil, publishedAt: Date? = nil, status: PostStatus? = nil,
        visibility: Visibility? = nil, statedReadingMinutes: Int? = nil, featureImage: String? = nil,
        featureImageAlt: String? = nil
    ) {
        self.title = title
        self.authorName = authorName
        self.markdown = markdown
        self.excerpt = excerpt
        self.tagNames = tagNames
        self.publishedAt = publishedAt
        self.status = status
        self.visibility = visibility
        self.statedReadingMinutes = statedReadingMinutes
        self.featureImage = featureImage
        self.featureImageAlt = featureImageAlt
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
    /// The post's status after the save: `scheduled` tells an importer the post waits for its date.
    public var status: PostStatus
    public var publishedAt: Date?

    public init(
        id: Int64, slug: String, title: String, outcome: Outcome, status: PostStatus = .published,
        publishedAt: Date? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.outcome = outcome
        self.status = status
        self.publishedAt = publishedAt
    }
}

/// The answer to "which public post lives at this slug?".
public enum PostLookup: Sendable, Equatable {
    case found(Post)
    /// The slug is an old one: the post now lives at this slug.
    case moved(to: String)
    case missing
}
