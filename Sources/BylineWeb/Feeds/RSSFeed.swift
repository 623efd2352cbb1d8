import BylineCore
import Foundation

/// RSS 2.0 with full content, as feed readers and Substack/Ghost users expect.
struct RSSFeed {
    struct Item {
        let post: Post
        let url: String
        let contentHTML: String
    }

    let settings: SiteSettings
    let siteURL: String
    let feedURL: String
    let items: [Item]
    let builtAt: Date
    /// A tag's or author's feed: its own title, description and page; nil: the site's.
    var channel: (title: String, description: String, link: String)? = nil

    func render() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
            <title>\(XMLText.escape(channel?.title ?? settings.title))</title>
            <link>\(XMLText.escape(channel?.link ?? siteURL + "/"))</link>
            <description>\(XMLText.escape(channel?.description ?? settings.description))</description>
            <language>\(XMLText.escape(settings.language))</language>
            <generator>Byline</generator>
            <lastBuildDate>\(Self.rfc822(items.first?.post.updatedAt ?? builtAt))</lastBuildDate>
            <atom:link href="\(XMLText.escape(feedURL))" rel="self" type="application/rss+xml"/>

            """
        for item in items {
            let post = item.post
            xml += "<item>\n<title>\(XMLText.escape(post.title))</title>\n"
            xml += "<link>\(XMLText.escape(item.url))</link>\n"
            xml += "<guid isPermaLink=\"true\">\(XMLText.escape(item.url))</guid>\n"
            xml += "<pubDate>\(Self.rfc822(post.publishedAt ?? post.createdAt))</pubDate>\n"
            xml += "<dc:creator>\(XMLText.escape(post.author.name))</dc:creator>\n"
            for tag in post.tags { xml += "<category>\(XMLText.escape(tag.name))</category>\n" }
            xml += "<description>\(XMLText.escape(post.excerpt))</description>\n"
            xml += "<content:encoded>\(XMLText.cdata(item.contentHTML))</content:encoded>\n</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    /// RFC 822 dates, as RSS 2.0 requires ("Thu, 26 Nov 2026 05:00:00 +0000").
    static func rfc822(_ date: Date) -> String {
        HTTPDate.format(date).replacingOccurrences(of: " GMT", with: " +0000")
    }
}
