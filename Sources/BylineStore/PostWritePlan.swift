import BylineCore
import Foundation

/// The values an upsert stores, derived once from the input so every engine writes the same.
struct PostWritePlan: Sendable {
    let input: PostInput
    let now: Date
    let titleKey: String
    let authorKey: String
    let excerpt: String
    let readingMinutes: Int

    /// Refuses invalid input (``PostInputValidation``) before anything is written.
    init(_ input: PostInput, now: Date) throws {
        try PostInputValidation.check(input)
        self.input = input
        self.now = now
        self.titleKey = TitleKey.make(input.title)
        self.authorKey = TitleKey.make(input.authorName)
        self.excerpt = input.excerpt ?? Excerpt.make(from: input.body)
        self.readingMinutes =
            input.statedReadingMinutes
            ?? ReadingTime.minutes(words: input.body.wordCount, images: input.body.imageCount)
    }

    /// The slug a new post starts from before clashes are numbered.
    var postSlugBase: String { Slug.make(from: input.title) }
    var authorSlugBase: String { Slug.make(from: input.authorName, fallback: "author") }

    /// The tags in the writer's order, with the key each is found by.
    var tags: [(name: String, key: String, slugBase: String)] {
        input.tagNames.map { ($0, TitleKey.make($0), Slug.make(from: $0, fallback: "tag")) }
    }

    /// An update without a date keeps the post's date; a new post without one is dated now.
    func publishedAt(existing: Date?) -> Date {
        input.publishedAt ?? existing ?? now
    }
}
