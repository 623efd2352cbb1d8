/// A post body: the Markdown source staff write, and the HTML rendered from it when it was saved,
/// so a page view never parses Markdown.
public struct PostBody: Sendable, Equatable {
    /// The Markdown source, as written.
    public var markdown: String
    /// The rendered HTML, with a ``BodyHTML/readAlsoMarker`` where each READ ALSO link goes;
    /// ``BodyHTML/resolve(_:readAlsoTitles:linkFor:)`` fills them in at page render.
    public var html: String
    /// The titles READ ALSO links name, in the order of their markers.
    public var readAlsoTitles: [String]

    public init(markdown: String, html: String, readAlsoTitles: [String]) {
        self.markdown = markdown
        self.html = html
        self.readAlsoTitles = readAlsoTitles
    }
}
