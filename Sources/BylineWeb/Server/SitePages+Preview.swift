import BylineCore
import Foundation

extension SitePages {
    /// A newsroom preview of `post` in any status: the public article page, rendered by the
    /// same code as readers get (``article(_:site:noindex:)``), marked `noindex`, with a banner
    /// saying it is a preview. The caller answers with it directly: previews are never put in
    /// the page cache, where readers would be served a draft.
    func preview(_ post: Post) async throws -> String {
        let site = siteView(try await chrome.current())
        // Staff see the whole post, as members will; the gate is the public page's to show.
        switch try await reading(as: .staff).article(post, site: site, noindex: true) {
        case .document(_, let html, _, _, _):
            return Self.withPreviewBanner(html, status: post.status, editURL: "/admin/posts/\(post.id)/edit")
        case .moved(let location):
            // An article page never moves; answer with a page that says where it went.
            return "<!doctype html><title>Moved</title><p><a href=\"\(HTMLEscape.escape(location))\">Moved</a></p>"
        }
    }

    /// `html` with a banner as the first thing in `<body>`, styled inline: a site's theme knows
    /// nothing of previews.
    static func withPreviewBanner(_ html: String, status: PostStatus, editURL: String) -> String {
        let banner =
            "<div class=\"byline-preview-banner\" role=\"note\" style=\"position:sticky;top:0;z-index:100;"
            + "display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:center;"
            + "padding:.5rem 1rem;background:#1b1a18;color:#fbfaf7;font:600 .875rem/1.4 system-ui,sans-serif\">"
            + "<span>Preview · \(status.rawValue) · readers do not see this page</span>"
            + "<a href=\"\(HTMLEscape.escape(editURL))\" style=\"color:#fbfaf7\">Back to the editor</a></div>"
        guard let bodyStart = html.range(of: "<body"),
            let tagEnd = html[bodyStart.upperBound...].firstIndex(of: ">")
        else { return banner + html }
        var result = html
        result.insert(contentsOf: banner, at: result.index(after: tagEnd))
        return result
    }
}
