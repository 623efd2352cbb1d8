import BylineCore

/// The tag or author an archive page lists posts of.
struct ArchiveOwnerView {
    let name: String
    let url: String
    /// nil when empty: Mustache treats any string, even "", as true in a section.
    let description: String?
    let bio: String?
    let postCount: Int
    /// An author's picture; nil for tags and authors without one.
    var picture: ImageView? = nil

    init(name: String, url: String, description: String, bio: String, postCount: Int) {
        self.name = name
        self.url = url
        self.description = description.isEmpty ? nil : description
        self.bio = bio.isEmpty ? nil : bio
        self.postCount = postCount
    }
}

/// One year of the `/archive/` page: its months that have posts, newest first.
struct ArchiveYearView {
    struct Month {
        /// "May".
        let name: String
        /// "May 2026".
        let label: String
        let url: String
    }

    let year: String
    let months: [Month]

    /// Groups months (newest first) by year, keeping their order.
    static func group(_ months: [ArchiveMonth]) -> [ArchiveYearView] {
        var years: [ArchiveYearView] = []
        for month in months {
            let entry = Month(
                name: DateText.monthName(month.month), label: DateText.monthLabel(month),
                url: SiteRoute.canonicalPath(.archiveMonth(month, page: 1)))
            if let last = years.last, last.year == String(month.year) {
                years[years.count - 1] = ArchiveYearView(year: last.year, months: last.months + [entry])
            } else {
                years.append(ArchiveYearView(year: String(month.year), months: [entry]))
            }
        }
        return years
    }
}

/// A page of one month of the archive (`/archive/YYYY/MM/`).
struct ArchiveMonthView {
    struct Entry {
        let title: String
        let url: String
        let dateISO: String
        let dateDisplay: String
        let authorName: String
        let authorUrl: String

        init(_ post: PostSummary, dates: DateText) {
            title = post.title
            url = SiteRoute.canonicalPath(.post(slug: post.slug))
            dateISO = DateText.iso(post.publishedAt)
            dateDisplay = dates.display(post.publishedAt)
            authorName = post.author.name
            authorUrl = SiteRoute.canonicalPath(.author(slug: post.author.slug, page: 1))
        }
    }

    /// "May 2026".
    let label: String
    /// The month's first page.
    let url: String
    let postCount: Int
    let posts: [Entry]
}
