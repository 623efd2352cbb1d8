import Foundation

/// A sitemap (sitemaps.org protocol 0.9): a `<urlset>` of pages worth indexing.
struct Sitemap {
    struct Entry {
        let url: String
        let lastModified: Date?
    }

    /// How many posts one child sitemap lists, by id range (the protocol allows 50,000 URLs):
    /// small enough to render at once when its cached copy is dropped.
    static let postsPerChild: Int64 = 1000

    let entries: [Entry]

    func render() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "<url><loc>\(XMLText.escape(entry.url))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(DateText.iso(date))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}

/// A sitemap index (`/sitemap.xml`): the child sitemaps crawlers read next.
struct SitemapIndex {
    let sitemaps: [String]

    func render() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in sitemaps { xml += "<sitemap><loc>\(XMLText.escape(url))</loc></sitemap>\n" }
        return xml + "</sitemapindex>\n"
    }
}
