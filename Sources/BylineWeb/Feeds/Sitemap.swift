import Foundation

/// sitemap.xml (sitemaps.org protocol 0.9) listing every public page worth indexing.
struct Sitemap {
    struct Entry {
        let url: String
        let lastModified: Date?
    }

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
