import BylineCore
import Foundation

/// The values a newsletter write stores, derived once from the admin's input.
struct NewsletterWritePlan: Sendable {
    static let maxNameLength = 100
    static let maxDescriptionLength = 500

    let name: String
    let description: String
    let sortOrder: Int
    let active: Bool
    /// The slug the input names, in slug form; nil when it names none.
    let requestedSlug: String?
    /// What a new newsletter's slug is derived from when the input names none.
    let derivedSlugBase: String
    let now: Date

    /// Refuses a newsletter without a name, or with a name or description too long to show.
    init(_ input: NewsletterInput, now: Date) throws {
        let name = input.name.collapsingWhitespace()
        guard !name.isEmpty else { throw StoreError.invalidInput("a newsletter needs a name") }
        guard name.count <= Self.maxNameLength else {
            throw StoreError.invalidInput("a newsletter's name has at most \(Self.maxNameLength) characters")
        }
        let description = input.description.trimmingWhitespace()
        guard description.count <= Self.maxDescriptionLength else {
            throw StoreError.invalidInput(
                "a newsletter's description has at most \(Self.maxDescriptionLength) characters")
        }
        self.name = name
        self.description = description
        self.sortOrder = input.sortOrder
        self.active = input.active
        self.requestedSlug = input.slug.map { $0.trimmingWhitespace() }.flatMap {
            $0.isEmpty ? nil : Slug.make(from: $0, fallback: "newsletter")
        }
        self.derivedSlugBase = Slug.make(from: name, fallback: "newsletter")
        self.now = now
    }
}
