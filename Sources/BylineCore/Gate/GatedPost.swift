import Foundation

/// A post as one audience may have it: in full, or cut to its free preview (``FreePreview``)
/// with everything after the cut left out of every field that could carry it (body HTML and
/// Markdown, READ ALSO titles past the cut; the excerpt is made from the preview's own text
/// unless an editor wrote one).
public struct GatedPost: Sendable, Equatable {
    /// The post to render: ``isLocked`` means its body is only the preview.
    public var post: Post
    /// The visibility that applies now (``GatePolicy/effectiveVisibility(_:publishedAt:settings:now:)``).
    public var visibility: Visibility
    /// The reader is not entitled: the body is the preview and the gate follows it.
    public var isLocked: Bool
    /// When this answer stops holding by the clock alone (the archive rule catching the post).
    public var changesAt: Date?

    /// Whether the post is behind the gate for someone: members-only or paid, now.
    public var isGated: Bool { visibility != .public }

    public init(post: Post, visibility: Visibility, isLocked: Bool, changesAt: Date?) {
        self.post = post
        self.visibility = visibility
        self.isLocked = isLocked
        self.changesAt = changesAt
    }

    /// `post` for `audience` at `now` under `settings`.
    public static func apply(_ post: Post, for audience: Audience, settings: GateSettings, now: Date) -> GatedPost {
        let visibility = GatePolicy.effectiveVisibility(
            post.visibility, publishedAt: post.publishedAt, settings: settings, now: now)
        let changesAt = GatePolicy.changesAt(
            post.visibility, publishedAt: post.publishedAt, settings: settings, now: now)
        guard !GatePolicy.canRead(visibility, audience) else {
            // The editor's cut marks nothing for a reader who gets it all.
            var full = post
            if full.body.html.contains(PreviewCut.marker) {
                full.body.html = full.body.html.replacingOccurrences(of: PreviewCut.marker + "\n", with: "")
                    .replacingOccurrences(of: PreviewCut.marker, with: "")
            }
            return GatedPost(post: full, visibility: visibility, isLocked: false, changesAt: changesAt)
        }
        return GatedPost(
            post: redacted(post, previewBlocks: settings.previewBlocks), visibility: visibility, isLocked: true,
            changesAt: changesAt)
    }

    /// `post` with only its preview (``FreePreview``): the HTML before the cut, the READ ALSO
    /// titles of the markers left in it, no Markdown, and an excerpt an editor wrote or else
    /// one made from the preview's own text.
    public static func redacted(_ post: Post, previewBlocks: Int) -> Post {
        let preview = FreePreview.html(post.body.html, paragraphs: previewBlocks)
        var cut = post
        let markers = preview.components(separatedBy: BodyHTML.readAlsoMarker).count - 1
        cut.body = PostBody(
            markdown: "", html: preview, readAlsoTitles: Array(post.body.readAlsoTitles.prefix(markers)))
        // The reading time is the whole article's: what the reader would get by subscribing.
        cut.savedReadingMinutes = post.readingMinutes
        cut.statedReadingMinutes = nil
        cut.excerpt = post.customExcerpt ?? Excerpt.make(fromPlainText: FreePreview.plainText(preview))
        return cut
    }
}
