import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// The newsroom's pages for posts: the list, the editor and its actions, previews and
/// revisions. Registered on `/admin` behind ``RequireStaffMiddleware`` and ``CSRFMiddleware``.
///
/// Plain HTML forms that work without JavaScript; admin.js adds the live preview and autosave.
/// Every write goes through ``Newsroom`` (permissions, cache invalidation) and answers with a
/// redirect (303), so reloading a page never posts a form twice. A refused write shows the
/// form again with what the writer typed, the reason and its status (422, 403, 404, 409).
public struct AdminPostPages: Sendable {
    public let env: NewsroomEnvironment

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get { _, _ in AdminAnswer.seeOther("/admin/posts/") }
        group.get("posts") { request, context in try await list(request, context: context) }
        group.get("posts/new") { request, context in try await newPost(request, context: context) }
        group.post("posts/new") { request, context in try await create(request, context: context) }
        group.get("posts/:id/edit") { request, context in try await edit(request, context: context) }
        group.post("posts/:id/edit") { request, context in try await save(request, context: context) }
        group.post("posts/:id/autosave") { request, context in try await autosave(request, context: context) }
        group.post("posts/:id/publish") { request, context in
            try await publication(.publish, request, context: context)
        }
        group.post("posts/:id/schedule") { request, context in
            try await publication(.schedule, request, context: context)
        }
        group.post("posts/:id/unpublish") { request, context in
            try await publication(.unpublish, request, context: context)
        }
        group.post("posts/:id/delete") { request, context in try await delete(request, context: context) }
        group.get("posts/:id/preview") { request, context in try await preview(request, context: context) }
        group.post("preview/markdown") { request, context in try await previewMarkdown(request, context: context) }
        group.get("posts/:id/revisions") { request, context in try await revisions(request, context: context) }
        group.post("posts/:id/revisions/:revision/restore") { request, context in
            try await restore(request, context: context)
        }
    }

    /// The signed-in staff member (the group's middleware lets no one else through).
    func staff(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else { throw HTTPError(.unauthorized, message: "Sign in first.") }
        return user
    }

    /// The `:id` of the path; a path that is not a number names no post.
    func postID(_ context: BylineRequestContext, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else {
            throw NewsroomError.notFound("post \(context.parameters.get(name) ?? "")")
        }
        return id
    }

    /// Times in the site's time zone (a setting).
    func newsroomTime() async throws -> NewsroomTime {
        NewsroomTime(settings: try await env.store.settings())
    }

    /// A page that only says why something cannot be shown (a post that does not exist, or one
    /// the role may not open), with its status.
    func problemPage(_ problem: NewsroomError, context: BylineRequestContext) -> Response {
        let heading =
            switch problem {
            case .notFound: "Not found"
            case .forbidden: "Not allowed"
            case .conflict: "Changed meanwhile"
            case .invalidField, .unprocessable: "Cannot do that"
            }
        return env.adminTheme.page(
            "problem", title: heading,
            ["heading": heading, "message": Self.sentence(problem.description), "navPosts": true], context: context,
            status: problem.status)
    }

    /// Runs `body`, turning a refusal the user can act on into ``problemPage(_:context:)``.
    func orProblemPage(context: BylineRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch {
            guard let problem = NewsroomError.from(error) else { throw error }
            return problemPage(problem, context: context)
        }
    }

    /// "post 7 not found" → "Post 7 not found."
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalized = first.uppercased() + text.dropFirst()
        return capitalized.hasSuffix(".") ? capitalized : capitalized + "."
    }
}
