import BylineCore

/// A post in a listing, as the `post-card` partial reads it.
struct PostCardView {
    let title: String
    let url: String
    let excerpt: String
    let authorName: String
    let authorUrl: String
    let dateISO: String
    let dateDisplay: String
    let readingTime: String
    let tags: [LinkView]
    let isLead: Bool
    /// Whether the post is behind the gate now, and the label saying for whom ("Members", "Paid").
    let isGated: Bool
    let gateLabel: String
    /// Whether the post has published comments: the card links to them, "N comments".
    let hasComments: Bool
    let commentsLabel: String
    /// The feature image: eager on the home page's lead card only (the one picture in the
    /// first view), lazy on every other card.
    let image: ImageView?

    init(
        _ post: PostSummary, dates: DateText, isLead: Bool = false, visibility: Visibility = .public,
        images: [String: StoredImage] = [:]
    ) {
        self.title = post.title
        self.url = SiteRoute.canonicalPath(.post(slug: post.slug))
        self.excerpt = post.excerpt
        self.authorName = post.author.name
        self.authorUrl = SiteRoute.canonicalPath(.author(slug: post.author.slug, page: 1))
        self.dateISO = DateText.iso(post.publishedAt)
        self.dateDisplay = dates.display(post.publishedAt)
        self.readingTime = ReadingTime.label(minutes: post.readingMinutes)
        self.tags = post.tags.map { LinkView(tag: $0) }
        self.isLead = isLead
        self.isGated = visibility != .public
        self.gateLabel = visibility == .paid ? "Paid" : "Members"
        self.hasComments = post.commentCount > 0
        self.commentsLabel = post.commentCount == 1 ? "1 comment" : "\(post.commentCount) comments"
        self.image = ImageView.feature(
            post.featureImage, alt: post.featureImageAlt, images: images, placement: isLead ? .leadCard : .card,
            eager: isLead)
    }
}

/// A named link (tags in cards, navigation).
struct LinkView {
    let name: String
    let url: String
    let current: Bool

    init(name: String, url: String, current: Bool = false) {
        self.name = name
        self.url = url
        self.current = current
    }

    init(tag: Tag, current: Bool = false) {
        self.init(name: tag.name, url: SiteRoute.canonicalPath(.tag(slug: tag.slug, page: 1)), current: current)
    }
}

/// What the `pagination` partial reads.
struct PaginationView {
    let isPaginated: Bool
    let hasPrev: Bool
    let prevUrl: String
    let hasNext: Bool
    let nextUrl: String
    let current: Int
    let total: Int

    init<Item>(_ page: Page<Item>, path: (Int) -> String) {
        self.isPaginated = page.totalPages > 1
        self.hasPrev = page.hasPrevious
        self.prevUrl = path(page.number - 1)
        self.hasNext = page.hasNext
        self.nextUrl = path(page.number + 1)
        self.current = page.number
        self.total = page.totalPages
    }
}
