import BylineCore
import BylineStore

/// A post's body HTML as readers get it: each READ ALSO marker a link to the public post it
/// names, on `origin` (empty for links within the site; feeds, the API and email need them
/// absolute). One way for the article page, feeds, the Admin API and newsletters alike.
enum ResolvedBody {
    /// With the slugs already read (a feed reads them for all its posts at once).
    static func html(_ post: Post, slugs: [String: String], origin: String = "") -> String {
        BodyHTML.render(post.body) { title in
            slugs[TitleKey.make(title)].map { origin + SiteRoute.canonicalPath(.post(slug: $0)) }
        }
    }

    /// Reading the slugs of the posts it names: one query.
    static func html(_ post: Post, store: any PublicReading, origin: String = "") async throws -> String {
        html(post, slugs: try await store.publicSlugs(forTitles: post.body.readAlsoTitles), origin: origin)
    }

    /// `html` with an automatic READ ALSO to `target` (``AutoReadAlso``) placed after about a
    /// third of its paragraphs, in the markup an editor's link gets; nil when there is no target
    /// or the body is too short (``ReadAlsoPlacement``).
    static func placing(readAlso target: PostSummary?, in html: String, origin: String = "") -> String? {
        guard let target else { return nil }
        let url = origin + SiteRoute.canonicalPath(.post(slug: target.slug))
        return ReadAlsoPlacement.insert(BodyHTML.link(title: target.title, url: url), into: html)
    }
}
