/// The HTML inside `.post-body`: a body's stored HTML with its READ ALSO links resolved.
///
/// READ ALSO links are resolved when a page is rendered, not when the body is saved, so a link
/// appears as soon as the post it names exists (also when that post is imported later).
public enum BodyHTML {
    /// Where rendered HTML holds a READ ALSO link: an HTML comment, which a body's Markdown can
    /// never produce (its raw HTML is shown as text), so every marker is one the renderer put.
    public static let readAlsoMarker = "<!--byline:read-also-->"

    /// `body`'s HTML with the k-th marker replaced by the link to the k-th READ ALSO title.
    ///
    /// - Parameter linkFor: the URL path of the post a READ ALSO title names, or nil when no such
    ///   post is public yet; unresolved links are left out rather than shown broken.
    public static func render(_ body: PostBody, linkFor: (String) -> String?) -> String {
        resolve(body.html, readAlsoTitles: body.readAlsoTitles, linkFor: linkFor)
    }

    public static func resolve(_ html: String, readAlsoTitles titles: [String], linkFor: (String) -> String?)
        -> String
    {
        guard !titles.isEmpty, html.utf8.contains(0x3C) else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + titles.count * 120)
        var rest = html[...]
        var index = 0
        while let range = rest.firstRange(of: readAlsoMarker) {
            output += rest[..<range.lowerBound]
            if index < titles.count, let url = linkFor(titles[index]) {
                output += link(title: titles[index], url: url)
            }
            index += 1
            rest = rest[range.upperBound...]
            // The line the marker stood on ends with it: drop the newline of an omitted link.
            if rest.first == "\n", output.last == "\n" || output.isEmpty { rest = rest.dropFirst() }
        }
        output += rest
        return output
    }

    /// One READ ALSO paragraph.
    public static func link(title: String, url: String) -> String {
        "<p class=\"read-also\"><span class=\"read-also-label\">Read also</span> <a href=\""
            + HTMLEscape.escape(url) + "\">" + HTMLEscape.escape(title) + "</a></p>"
    }
}
