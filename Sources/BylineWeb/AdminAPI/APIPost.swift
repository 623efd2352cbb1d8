import BylineCore
import BylineStore
import Foundation

/// A post in full, as `GET /api/admin/posts/:id` and every post write answer: what the editor
/// needs to show it and send it back (`updated_at` is the conflict check's token).
struct APIPost: Encodable {
    let post: Post
    /// The body as readers get it, READ ALSO links resolved to absolute URLs.
    let html: String
    /// The site's origin (`https://news.example`), for the post's, author's and tags' URLs.
    let publicURL: String
    /// The slug of the newsletter the post is (to be) emailed to; nil: not emailed.
    var newsletter: String? = nil
    /// Its email's deliveries so far; nil until the send starts.
    var emailProgress: DeliveryProgress? = nil

    enum CodingKeys: String, CodingKey {
        case id, title, slug, markdown, html, excerpt, status, visibility, author, tags, url
        case customExcerpt = "custom_excerpt"
        case publishedAt = "published_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case readingTime = "reading_time"
        case featureImage = "feature_image"
        case featureImageAlt = "feature_image_alt"
        case featureImageCaption = "feature_image_caption"
        case autoReadAlso = "auto_read_also"
        case newsletter
        case emailProgress = "email"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(post.id, forKey: .id)
        try container.encode(post.title, forKey: .title)
        try container.encode(post.slug, forKey: .slug)
        try container.encode(post.body.markdown, forKey: .markdown)
        try container.encode(html, forKey: .html)
        try container.encode(post.excerpt, forKey: .excerpt)
        // Optional values are written as null, never left out: every key is always there.
        try container.encode(post.customExcerpt, forKey: .customExcerpt)
        try container.encode(post.status, forKey: .status)
        try container.encode(post.visibility, forKey: .visibility)
        try container.encode(post.publishedAt, forKey: .publishedAt)
        try container.encode(post.createdAt, forKey: .createdAt)
        try container.encode(post.updatedAt, forKey: .updatedAt)
        try container.encode(APIAuthor(post.author, publicURL: publicURL), forKey: .author)
        try container.encode(post.tags.map { APITag($0, publicURL: publicURL) }, forKey: .tags)
        try container.encode(post.readingMinutes, forKey: .readingTime)
        try container.encode(post.featureImage.isEmpty ? nil : post.featureImage, forKey: .featureImage)
        try container.encode(post.featureImageAlt.isEmpty ? nil : post.featureImageAlt, forKey: .featureImageAlt)
        try container.encode(
            post.featureImageCaption.isEmpty ? nil : post.featureImageCaption, forKey: .featureImageCaption)
        try container.encode(post.autoReadAlso, forKey: .autoReadAlso)
        try container.encode(newsletter, forKey: .newsletter)
        try container.encode(emailProgress.map(APIEmailProgress.init), forKey: .emailProgress)
        // Where readers find it (where they will, while it is a draft).
        try container.encode(publicURL + SiteRoute.canonicalPath(.post(slug: post.slug)), forKey: .url)
    }
}

/// A post's email deliveries by status.
struct APIEmailProgress: Encodable {
    let queued: Int
    let sending: Int
    let sent: Int
    let failed: Int
    let skipped: Int
    let total: Int

    init(_ progress: DeliveryProgress) {
        queued = progress.queued
        sending = progress.sending
        sent = progress.sent
        failed = progress.failed
        skipped = progress.skipped
        total = progress.total
    }
}
