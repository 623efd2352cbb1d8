import Foundation

/// What a listing needs of a post (home, archives, feeds), without its body.
public struct PostSummary: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var slug: String
    public var excerpt: String
    public var publishedAt: Date
    public var updatedAt: Date
    public var author: Author
    public var tags: [Tag]
    public var readingMinutes: Int
    /// What the editor set; the gate's archive rule may make it stricter (``GatePolicy``).
    public var visibility: Visibility
    /// Whether ``excerpt`` may be shown where the post is gated: an editor wrote it, or it
    /// lies in the free preview (``RenderedMarkdown/excerptInPreview``).
    public var excerptInPreview: Bool
    /// Published comments (``CommentStatus/published``), kept on the post's row.
    public var commentCount: Int
    /// The lead image's URL ("" for none) and its alt text, for cards.
    public var featureImage: String
    public var featureImageAlt: String

    public init(
        id: Int64, title: String, slug: String, excerpt: String, publishedAt: Date,
        updatedAt: Date, author: Author, tags: [Tag], readingMinutes: Int, visibility: Visibility = .public,
        excerptInPreview: Bool = true, commentCount: Int = 0,
        featureImage: String = "", featureImageAlt: String = ""
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.excerpt = excerpt
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.author = author
        self.tags = tags
        self.readingMinutes = readingMinutes
        self.visibility = visibility
        self.excerptInPreview = excerptInPreview
        self.commentCount = commentCount
        self.featureImage = featureImage
        self.featureImageAlt = featureImageAlt
    }
}
