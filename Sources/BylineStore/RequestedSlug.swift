import BylineCore

/// The rule for a slug an editor asks for, the same for every engine.
enum RequestedSlug {
    /// The slug form of `requested`; refuses one that is empty or a path the site itself uses.
    static func validated(_ requested: String) throws -> String {
        let slug = Slug.make(from: requested, fallback: "")
        guard !slug.isEmpty, !Slug.reserved.contains(slug) else {
            throw StoreError.invalidInput("\"\(requested)\" cannot be a post slug")
        }
        return slug
    }
}
