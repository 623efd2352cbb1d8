import BylineCore
import BylineMarkdown
import BylineStore

/// The editor's preview pane: a body's Markdown rendered as a save would render it, with each
/// READ ALSO line shown as the link readers will get, or as a placeholder while no public post
/// has that title yet (the public page leaves such a line out until the post exists), and the
/// preview cut as a visible rule: in the saved HTML it is a comment no one would see.
enum EditorPreview {
    /// Where the free preview of a gated post ends, as the pane shows it.
    static let cutRule = "<p class=\"preview-cut\">Free preview ends here</p>"

    /// The pane's HTML for `markdown`, looking up READ ALSO titles in `store`.
    static func html(_ markdown: String, store: any SiteReading) async throws -> String {
        let rendered = MarkdownRenderer.render(markdown)
        let slugs =
            rendered.readAlsoTitles.isEmpty ? [:] : try await store.publicSlugs(forTitles: rendered.readAlsoTitles)
        return html(rendered, slugs: slugs)
    }

    /// `rendered`'s HTML with its READ ALSO markers filled in; `slugs` maps title keys to slugs.
    static func html(_ rendered: RenderedMarkdown, slugs: [String: String]) -> String {
        var html = ""
        var rest = rendered.html[...]
        var index = 0
        while let range = rest.firstRange(of: BodyHTML.readAlsoMarker) {
            html += rest[..<range.lowerBound]
            if index < rendered.readAlsoTitles.count {
                let title = rendered.readAlsoTitles[index]
                if let slug = slugs[TitleKey.make(title)] {
                    html += BodyHTML.link(title: title, url: "/\(slug)/")
                } else {
                    html +=
                        "<p class=\"read-also read-also-pending\"><span class=\"read-also-label\">Read also</span> "
                        + HTMLEscape.escape(title)
                        + " <em>(shown once a published post has this title)</em></p>"
                }
            }
            index += 1
            rest = rest[range.upperBound...]
        }
        html += rest
        return html.replacingOccurrences(of: PreviewCut.marker, with: cutRule)
    }
}
