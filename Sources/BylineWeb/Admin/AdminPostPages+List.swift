import BylineCore
import BylineStore
import Hummingbird

extension AdminPostPages {
    /// Posts shown per page of the list.
    static let postsPerPage = 20

    /// `GET /admin/posts/`: filters by status, author and tag, title search, pagination.
    func list(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        // Read as a form: a GET form sends spaces as "+".
        let query = FormFields(encoded: request.uri.query ?? "").values.compactMapValues(\.last)
        let filters = PostListView.Filters(query)
        let page = try await env.newsroom.postListings(
            for: user, filters.storeFilter, PageRequest(number: filters.page, perPage: Self.postsPerPage))
        let seesEveryone = NewsroomPermissions.allows(user.role, .listAllPosts)
        let authors = seesEveryone ? try await env.store.allAuthors() : nil
        let tags = try await env.store.allTags()
        let view = PostListView(
            page: page, filters: filters, authors: authors, tags: tags, time: try await newsroomTime())
        var values: [String: Any] = ["list": view, "navPosts": true]
        if let notice = query["notice"].flatMap(Self.listNotices.index(forKey:)) {
            values["notice"] = Self.listNotices[notice].value
        }
        return env.adminTheme.page("posts", title: "Posts", values, context: context)
    }

    /// What the list says after an action sent the browser back to it.
    static let listNotices = ["deleted": "The post was deleted."]
}
