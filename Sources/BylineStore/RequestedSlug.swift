import BylineCore
import Foundation

/// The rule for a slug an editor asks for, the same for every engine.
enum RequestedSlug {
    /// The slug form of `requested`; refuses one that is empty or a path the site itself uses.
    /// A slug copied from an address bar arrives percent-encoded ("%E6%9D%B1%E4%BA%AC"): it is
    /// read as the letters it encodes, which slugs keep (``Slug``).
    static func validated(_ requested: String) throws -> String {
        let slug = Slug.make(from: decoded(requested), fallback: "")
        guard !slug.isEmpty, !Slug.reserved.contains(slug) else {
            throw StoreError.invalidInput("\"\(requested)\" cannot be a post slug")
        }
        return slug
    }

    /// A tag's or an author's slug (`what` names which, for the message): it lives under
    /// `/tag/` or `/author/`, so no path of the site is reserved, but it must have a letter or
    /// a digit.
    static func validatedProfile(_ requested: String, what: String) throws -> String {
        let slug = Slug.make(from: decoded(requested), fallback: "")
        guard !slug.isEmpty else { throw StoreError.invalidInput("\"\(requested)\" cannot be \(what) slug") }
        return slug
    }

    /// `text` with its percent escapes decoded, when it has any and they are well-formed UTF-8.
    static func decoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return text.removingPercentEncoding ?? text
    }
}
