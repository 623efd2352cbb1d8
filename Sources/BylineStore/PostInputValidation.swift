import BylineCore

/// Rules every store applies before writing a post, so engines cannot disagree on them.
enum PostInputValidation {
    static func check(_ input: PostInput) throws {
        if input.title.trimmingWhitespace().isEmpty { throw StoreError.invalidInput("a post needs a title") }
        if input.authorName.trimmingWhitespace().isEmpty { throw StoreError.invalidInput("a post needs an author") }
        if (input.tagNames ?? []).contains(where: { $0.trimmingWhitespace().isEmpty }) {
            throw StoreError.invalidInput("tag names cannot be empty")
        }
        if let minutes = input.statedReadingMinutes, minutes < 1 {
            throw StoreError.invalidInput("reading time must be at least 1 minute")
        }
    }
}
