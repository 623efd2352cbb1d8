import BylineCore

/// The tag or author an archive page lists posts of.
struct ArchiveOwnerView {
    let name: String
    let url: String
    /// nil when empty: Mustache treats any string, even "", as true in a section.
    let description: String?
    let bio: String?
    let postCount: Int

    init(name: String, url: String, description: String, bio: String, postCount: Int) {
        self.name = name
        self.url = url
        self.description = description.isEmpty ? nil : description
        self.bio = bio.isEmpty ? nil : bio
        self.postCount = postCount
    }
}

/// One month of the `/archive/` page.
struct ArchiveMonthView {
    struct Entry {
        let title: String
        let url: String
        let dateISO: String
        let dateDisplay: String
        let authorName: String
    }

    let label: String
    let id: String
    let count: Int
    let posts: [Entry]

    /// Groups posts (newest first) by month in the site's time zone.
    static func group(_ posts: [PostSummary], dates: DateText) -> [ArchiveMonthView] {
        var months: [ArchiveMonthView] = []
        var currentID: String?
        var entries: [Entry] = []
        var label = ""
        func flush() {
            if let id = currentID {
                months.append(ArchiveMonthView(label: label, id: id, count: entries.count, posts: entries))
            }
        }
        for post in posts {
            let id = dates.monthID(post.publishedAt)
            if id != currentID {
                flush()
                currentID = id
                label = dates.monthLabel(post.publishedAt)
                entries = []
            }
            entries.append(
                Entry(
                    title: post.title, url: SiteRoute.canonicalPath(.post(slug: post.slug)),
                    dateISO: DateText.iso(post.publishedAt), dateDisplay: dates.display(post.publishedAt),
                    authorName: post.author.name))
        }
        flush()
        return months
    }
}
