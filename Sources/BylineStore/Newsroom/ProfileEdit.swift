import BylineCore

/// A tag's or an author's new name and slug, checked before any engine runs. An empty slug is
/// derived from the name.
struct ProfileEdit: Sendable {
    let name: String
    let nameKey: String
    let slug: String

    init(name: String, slug: String, what: String) throws {
        let name = name.collapsingWhitespace()
        guard !name.isEmpty else { throw StoreError.invalidInput("\(what) needs a name") }
        self.name = name
        self.nameKey = TitleKey.make(name)
        let requested = slug.trimmingWhitespace()
        self.slug = try RequestedSlug.validatedProfile(requested.isEmpty ? name : requested, what: what)
    }
}
