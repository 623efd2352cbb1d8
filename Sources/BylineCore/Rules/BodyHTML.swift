/// Renders a body to the HTML inside `.post-body`.
public enum BodyHTML {
    /// - Parameter linkFor: the URL path of the post a READ ALSO title names, or nil when no such
    ///   post is public yet; unresolved links are left out rather than shown broken.
    public static func render(_ body: PostBody, linkFor: (String) -> String?) -> String {
        var html = ""
        for block in body.blocks {
            switch block {
            case .paragraph(let text):
                html += "<p>" + HTMLEscape.escape(text) + "</p>\n"
            case .readAlso(let title):
                guard let url = linkFor(title) else { continue }
                html +=
                    "<p class=\"read-also\"><span class=\"read-also-label\">Read also</span> <a href=\""
                    + HTMLEscape.escape(url) + "\">" + HTMLEscape.escape(title) + "</a></p>\n"
            }
        }
        return html
    }
}
