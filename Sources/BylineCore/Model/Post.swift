import Foundation

/// A stored article with its author and tags, as readers and editors see it.
public struct Post: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var slug: String
    /// The Markdown source and the HTML rendered from it on save (see ``PostBody``).
    public var body: PostBody
    public var excerpt: String
    /// The excerpt an editor wrote; nil while ``excerpt`` is derived from the body.
    public var customExcerpt: String?
    public var status: PostStatus
    public var visibility: Visibility
    public var publishedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var author: Author
    public var tags: [Tag]
    /// A reading time the source stated ("4 Min Read"); it overrides the computed one.
    public var statedReadingMinutes: Int?
    /// The reading time worked out when the post was saved (nil: work it out from the body);
    /// saves the body's word count on every render.
    public var savedReadingMinutes: Int?
    /// The lead image's URL ("" for none) and its text for readers who cannot see it.
    public var featureImage: String
    public var featureImageAlt: String
    /// A line under the lead image (credit, what it shows); "" for none.
    public var featureImageCaption: String
    /// Whether the site may add a READ ALSO link to a related article when the body has none.
    public var autoReadAlso: Bool

    public init(
        id: Int64, title: String, slug: String, body: PostBody, excerpt: String,
        status: PostStatus, visibility: Visibility, publishedAt: Date?, createdAt: Date,
        updatedAt: Date, author: Author, tags: [Tag], statedReadingMinutes: Int?, savedReadingMinutes: Int? = nil,
        customExcerpt: String? = nil, featureImage: String = "", featureImageAlt: String = "",
        autoReadAlso: Bool = true, featureImageCaption: String = ""
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.body = body
        self.excerpt = excerpt
        self.status = status
        self.visibility = visibility
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.author = author
        self.tags = tags
        self.statedReadingMinutes = statedReadingMinutes
        self.savedReadingMinutes = savedReadingMinutes
        self.customExcerpt = customExcerpt
        self.featureImage = featureImage
        self.featureImageAlt = featureImageAlt
        self.featureImageCaption = featureImageCaption
        self.autoReadAlso = autoReadAlso
    }

    /// Minutes shown to readers: the stated time when the source gave one, else computed.
    public var readingMinutes: Int {
        statedReadingMinutes ?? savedReadingMinutes
            ?? ReadingTime.minutes(words: WordCount.count(in: body.markdown), images: 0)
    }
}
