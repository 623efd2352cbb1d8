import Foundation

/// A post's text as the search index keeps it, split where the gate splits it: what every
/// reader may search (title, tags, an excerpt that shows under the gate, the free preview)
/// apart from the rest of the body, which only readers entitled to the post may match.
public struct SearchDocument: Sendable, Equatable {
    public var title: String
    /// Tag names, then the excerpt when it may show where the post is gated (an editor wrote
    /// it, or it lies in the free preview); a derived excerpt past the cut is body text and
    /// stays in ``rest``.
    public var tagsAndExcerpt: String
    /// The text of the free preview (``FreePreview``) a reader without access is shown.
    public var preview: String
    /// The body text after the preview.
    public var rest: String
    /// The preview length setting ``preview`` was cut with; 0 when the editor's cut marker made
    /// the cut, which no setting changes. Readers without access match the preview only while
    /// the setting is at least this (a shorter preview would otherwise be searchable past its end).
    public var previewBlocks: Int

    public init(title: String, tagsAndExcerpt: String, preview: String, rest: String, previewBlocks: Int) {
        self.title = title
        self.tagsAndExcerpt = tagsAndExcerpt
        self.preview = preview
        self.rest = rest
        self.previewBlocks = previewBlocks
    }

    /// The document of a post, cut with the preview length `previewBlocks`, from the body HTML
    /// the renderer stored: the same blocks, by the same functions, the gate uses, so the
    /// preview searched is exactly the preview shown.
    /// - Parameters:
    ///   - excerpt: the stored excerpt; `customExcerpt`: the editor's, when they wrote one.
    ///   - excerptShowsWhenGated: the post's `excerpt_in_preview`.
    public static func make(
        title: String, bodyHTML html: String, excerpt: String, customExcerpt: String?, tagNames: [String],
        previewBlocks: Int, excerptShowsWhenGated: Bool
    ) -> SearchDocument {
        let hasCut = PreviewCut.beforeMarker(html) != nil
        let previewText = FreePreview.plainText(FreePreview.html(html, paragraphs: previewBlocks))
        let fullText = FreePreview.plainText(html.replacingOccurrences(of: PreviewCut.marker, with: ""))
        let previewBlocksOfText = previewText.isEmpty ? [] : previewText.components(separatedBy: "\n\n")
        var blocks = fullText.isEmpty ? [] : fullText.components(separatedBy: "\n\n")
        // The preview is the first blocks of the body; whatever follows them is the rest.
        if blocks.starts(with: previewBlocksOfText) {
            blocks.removeFirst(previewBlocksOfText.count)
        }
        let shownExcerpt = customExcerpt ?? (excerptShowsWhenGated ? excerpt : "")
        let tags = tagNames.joined(separator: ", ")
        return SearchDocument(
            title: title, tagsAndExcerpt: [tags, shownExcerpt].filter { !$0.isEmpty }.joined(separator: "\n"),
            preview: previewText, rest: blocks.joined(separator: "\n\n"), previewBlocks: hasCut ? 0 : previewBlocks)
    }
}
