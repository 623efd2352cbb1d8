/// What rendering a Markdown body gives: the HTML a page shows and what a save derives from the
/// text (excerpt, reading time).
public struct RenderedMarkdown: Sendable, Equatable {
    /// Safe HTML: raw HTML in the source shown as text, dangerous link schemes dropped, and a
    /// ``BodyHTML/readAlsoMarker`` where each READ ALSO directive stood.
    public var html: String
    /// The titles of the READ ALSO directives, in order: the k-th marker names the k-th title.
    public var readAlsoTitles: [String]
    /// The text without markup, blocks separated by blank lines: excerpts come from it.
    public var plainText: String
    public var wordCount: Int
    public var imageCount: Int

    public init(html: String, readAlsoTitles: [String], plainText: String, wordCount: Int, imageCount: Int) {
        self.html = html
        self.readAlsoTitles = readAlsoTitles
        self.plainText = plainText
        self.wordCount = wordCount
        self.imageCount = imageCount
    }

    /// The body a post stores for `markdown` rendered as this.
    public func body(markdown: String) -> PostBody {
        PostBody(markdown: markdown, html: html, readAlsoTitles: readAlsoTitles)
    }

    /// Reading time as DESIGN.md fixes it (``ReadingTime``).
    public var readingMinutes: Int {
        ReadingTime.minutes(words: wordCount, images: imageCount)
    }

    /// The excerpt derived from the body: its first block of text.
    public var derivedExcerpt: String { Excerpt.make(fromPlainText: plainText) }

    /// Whether that first block of text lies inside every free preview of the body
    /// (``FreePreview``): the editor's cut comes after it, or, with no cut, more text follows
    /// it. Listings show a gated post's derived excerpt only then; it would give away text
    /// past the cut otherwise.
    public var excerptInPreview: Bool {
        if let before = PreviewCut.beforeMarker(html) { return !FreePreview.plainText(before).isEmpty }
        return !FreePreview.html(html, paragraphs: 1).isEmpty
    }

    /// Whether a post's excerpt may show where it is gated: an editor wrote it (`custom`), or
    /// the derived one lies in every preview (``excerptInPreview``).
    public func excerptShowsWhenGated(custom: String?) -> Bool {
        custom != nil || excerptInPreview
    }
}
