import BylineCore
import BylineMarkdown
import Foundation

/// The values a newsroom save stores, derived once from the draft before any engine runs, so
/// both engines write the same and invalid input is refused before a transaction starts.
struct PostDraftPlan: Sendable {
    let draft: PostDraft
    let now: Date
    /// The title as the editor typed it, without surrounding whitespace.
    let title: String
    let titleKey: String
    /// The body rendered once here: pages never parse Markdown.
    let rendered: RenderedMarkdown
    /// The editor's excerpt without surrounding whitespace; nil when empty (derived instead).
    let customExcerpt: String?
    /// What listings and meta descriptions show.
    let excerpt: String
    /// Whether the excerpt may show where the post is gated (``PostSummary/excerptInPreview``).
    let excerptInPreview: Bool
    /// The slug the editor asked for in slug form; nil: derive it (new post) or keep it.
    let requestedSlug: String?
    /// The tags in the editor's order, each once, with the key a tag is found by.
    let tags: [PostTagName]

    /// Refuses a draft no reader should get: no title, an empty tag name, an image URL that is
    /// not a web address (it ends up in `src` and Open Graph tags), a slug the site uses itself.
    init(_ draft: PostDraft, now: Date, images: [String: StoredImage] = [:]) throws {
        let title = draft.title.trimmingWhitespace()
        guard !title.isEmpty else { throw StoreError.invalidInput("a post needs a title") }
        var tags: [PostTagName] = []
        for name in draft.tagNames {
            let tag = PostTagName(name.collapsingWhitespace())
            guard !tag.name.isEmpty else { throw StoreError.invalidInput("tag names cannot be empty") }
            if !tags.contains(where: { $0.key == tag.key }) { tags.append(tag) }
        }
        guard Self.isWebAddress(draft.featureImage) else {
            throw StoreError.invalidInput("the feature image must be an http(s) URL or a path on this site")
        }
        self.draft = draft
        self.now = now
        self.title = title
        self.titleKey = TitleKey.make(title)
        self.rendered = MarkdownRenderer.render(draft.markdown, images: images)
        let custom = draft.customExcerpt?.trimmingWhitespace()
        self.customExcerpt = custom?.isEmpty == false ? custom : nil
        self.excerpt = customExcerpt ?? rendered.derivedExcerpt
        self.excerptInPreview = rendered.excerptShowsWhenGated(custom: customExcerpt)
        // An empty slug field asks for nothing, like a missing one.
        let slug = draft.slug?.trimmingWhitespace()
        self.requestedSlug = try slug.flatMap { $0.isEmpty ? nil : try RequestedSlug.validated($0) }
        self.tags = tags
    }

    /// Computed from the body; a reading time an import stated stays in its own column and wins.
    var readingMinutes: Int { rendered.readingMinutes }

    /// What a new post's slug starts from before clashes are numbered.
    var slugBase: String { requestedSlug ?? Slug.make(from: title) }

    /// The revision's `tags` column: names, one a line (a name never holds a newline).
    var tagLines: String { tags.map(\.name).joined(separator: "\n") }

    /// `READ ALSO` titles as the `read_also` column keeps them, one a line.
    var readAlsoLines: String { rendered.readAlsoTitles.joined(separator: "\n") }

    static func isWebAddress(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return url.isEmpty || lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
            || (url.hasPrefix("/") && !url.hasPrefix("//"))
    }
}

/// A tag as a writer names it on a post, with the key it is found by and its slug's base.
struct PostTagName: Sendable, Equatable {
    let name: String
    let key: String
    let slugBase: String

    init(_ name: String) {
        self.name = name
        self.key = TitleKey.make(name)
        self.slugBase = Slug.make(from: name, fallback: "tag")
    }
}
