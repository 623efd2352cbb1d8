import BylineCore
import BylineMarkdown
import Foundation

/// The values an upsert stores, derived once from the input so every engine writes the same.
struct PostWritePlan: Sendable {
    let input: PostInput
    let now: Date
    let titleKey: String
    let authorKey: String
    /// The body rendered once here: pages never parse Markdown.
    let rendered: RenderedMarkdown
    /// The excerpt a new post gets: the input's, else derived from the body.
    let excerpt: String
    /// The excerpt derived from the body, for an update that keeps no editor's excerpt.
    let derivedExcerpt: String
    let readingMinutes: Int

    /// Refuses invalid input (``PostInputValidation``) before anything is written.
    init(_ input: PostInput, now: Date, images: [String: StoredImage] = [:]) throws {
        try PostInputValidation.check(input)
        self.input = input
        self.now = now
        self.titleKey = TitleKey.make(input.title)
        self.authorKey = TitleKey.make(input.authorName)
        self.rendered = MarkdownRenderer.render(input.markdown, images: images)
        self.derivedExcerpt = rendered.derivedExcerpt
        self.excerpt = input.excerpt ?? derivedExcerpt
        self.readingMinutes = input.statedReadingMinutes ?? rendered.readingMinutes
    }

    /// The slug a new post starts from before clashes are numbered.
    var postSlugBase: String { Slug.make(from: input.title) }
    var authorSlugBase: String { Slug.make(from: input.authorName, fallback: "author") }

    /// The tags in the writer's order, with the key each is found by; nil when the input states none.
    var tags: [PostTagName]? {
        input.tagNames.map { names in names.map(PostTagName.init) }
    }

    /// READ ALSO titles as the `read_also` column keeps them, one a line.
    var readAlsoLines: String { rendered.readAlsoTitles.joined(separator: "\n") }

    /// An update without a date keeps the post's date; a new post without one is dated now.
    func publishedAt(existing: Date?) -> Date {
        input.publishedAt ?? existing ?? now
    }

    /// The input's status, else the existing post's, else published; then one representation
    /// of scheduling: a post due later is `scheduled` (the scheduler publishes it on time), and
    /// a scheduled post whose time has passed is published.
    func status(existing: PostStatus?, publishedAt: Date) -> PostStatus {
        switch input.status ?? existing ?? .published {
        case .draft: .draft
        case .published, .scheduled: publishedAt > now ? .scheduled : .published
        }
    }

    /// The input's visibility, else the existing post's, else public.
    func visibility(existing: Visibility?) -> Visibility {
        input.visibility ?? existing ?? .public
    }
}
