import BylineCore
import BylineStore
import Foundation
import Hummingbird

extension AdminPostPages {
    /// `GET /admin/posts/:id/revisions[?compare=REVISION]`: every kept version (when, who,
    /// why), one compared with the current text (the newest by default).
    func revisions(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        return try await orProblemPage(context: context) {
            let id = try postID(context)
            let post = try await env.newsroom.post(id: id, for: user)
            let revisions = try await env.newsroom.revisions(postID: id, for: user)
            let compare = request.uri.queryParameters.get("compare").flatMap { Int64($0) }
            let action = NewsroomPermissions.editAction(
                own: post.author.id == user.authorID, published: post.status != .draft)
            let view = RevisionsView(
                post: post, revisions: revisions, compare: compare,
                canRestore: NewsroomPermissions.allows(user.role, action), time: try await newsroomTime())
            return env.adminTheme.page(
                "post-revisions", title: "Revisions: \(post.title)", ["revisions": view, "navPosts": true],
                context: context)
        }
    }

    /// `POST /admin/posts/:id/revisions/:revision/restore`: the revision's title, body, excerpt
    /// and tags become the post's again, as a new save (so the restore can be undone too).
    func restore(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        return try await orProblemPage(context: context) {
            guard let revisionID = context.parameters.get("revision", as: Int64.self) else {
                throw NewsroomError.notFound("revision \(context.parameters.get("revision") ?? "")")
            }
            let restored = try await env.newsroom.restore(revisionID: revisionID, by: user)
            return AdminAnswer.seeOther("/admin/posts/\(restored.post.id)/edit?notice=restored")
        }
    }
}
