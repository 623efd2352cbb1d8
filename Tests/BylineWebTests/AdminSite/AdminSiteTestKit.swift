import BylineCore
import BylineStore
import Foundation
import HummingbirdTesting

/// What the site-page tests share: a published article with a tag, and reading the secret a
/// page shows once.
extension TestSite {
    /// Imports a published article tagged `tag` by `author`; returns the tag as stored.
    func publishTagged(_ tag: String, title: String = "Polls Close Across the Region", author: String = "Jane Reporter")
        async throws -> Tag
    {
        let path = try writeArticle(
            "\(UUID().uuidString).txt",
            "\(title)\n\(author)\nTags: \(tag)\n\nThe polls closed at eight in the evening.\n")
        _ = await importFiles([path])
        guard let found = try await store.allTags().first(where: { $0.tag.name == tag }) else {
            throw TestKitError("the imported article has no tag \(tag)")
        }
        return found.tag
    }
}

struct TestKitError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The text of `<code class="secret">`: the one-time password or token a page shows once.
func shownSecret(_ html: String) -> String? {
    elementText(html, "class=\"secret\"")
}

/// A form body field as a form sends it, with the CSRF token of `staff`.
func csrfFields(_ staff: SignedInStaff, _ fields: [(String, String)]) -> [(String, String)] {
    [("_csrf", staff.csrfToken)] + fields
}
