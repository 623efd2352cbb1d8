import BylineCore
import Foundation

/// An article page's `post` context.
struct PostView {
    let id: Int64
    let title: String
    let url: String
    let bodyHTML: String
    let excerpt: String
    let authorName: String
    let authorUrl: String
    let authorBio: String?
    let dateISO: String
    let dateDisplay: String
    let updatedISO: String
    let readingTime: String
    let tags: [LinkView]
    let primaryTag: LinkView?
    /// The feature image shown above the body, when the post has one.
    let featureImage: FeatureImageView?
    /// The same image as the `image` partial shows it: the page's lead picture, loaded first.
    let image: ImageView?
    /// The author's picture beside the byline.
    let authorPicture: ImageView?

    init(_ post: Post, bodyHTML: String, dates: DateText, images: ImageLookup = ImageLookup()) {
        let published = post.publishedAt ?? post.createdAt
        self.id = post.id
        self.title = post.title
        self.url = SiteRoute.canonicalPath(.post(slug: post.slug))
        self.bodyHTML = bodyHTML
        self.excerpt = post.excerpt
        self.authorName = post.author.name
        self.authorUrl = SiteRoute.canonicalPath(.author(slug: post.author.slug, page: 1))
        self.authorBio = post.author.bio.isEmpty ? nil : post.author.bio
        self.dateISO = DateText.iso(published)
        self.dateDisplay = dates.display(published)
        self.updatedISO = DateText.iso(post.updatedAt)
        self.readingTime = ReadingTime.label(minutes: post.readingMinutes)
        self.tags = post.tags.map { LinkView(tag: $0) }
        self.primaryTag = post.tags.first.map { LinkView(tag: $0) }
        self.featureImage =
            post.featureImage.isEmpty ? nil : FeatureImageView(url: post.featureImage, alt: post.featureImageAlt)
        self.image = ImageView.feature(
            post.featureImage, alt: post.featureImageAlt, caption: post.featureImageCaption,
            images: images.byFingerprint, placement: .article, eager: true)
        self.authorPicture = images.authorPicture(post.author)
    }
}

/// A post's feature image: its address and the text that stands for it.
struct FeatureImageView {
    let url: String
    let alt: String
}
