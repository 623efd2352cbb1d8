import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// The newsroom's comment moderation (`/admin/comments`): the list by status (every status
/// shows the comments waiting for a decision first), approving, hiding and deleting a
/// comment, and stopping a member from commenting (or letting them again). Those who may see
/// the members' list moderate (``NewsroomAction/viewMembers``: editors and above); banning a
/// member is member administration (``NewsroomAction/manageMembers``). Every form carries the
/// staff session's CSRF token, checked by ``CSRFMiddleware``.
public struct AdminCommentPages: Sendable {
    let env: NewsroomEnvironment
    static let perPage = 50

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("comments", use: listPage)
        group.post("comments/:id/status", use: setStatus)
        group.post("comments/:id/delete", use: delete)
        group.post("comments/members/:id/ban", use: ban)
    }

    /// `GET /admin/comments?status=pending|published|hidden|all&page=N`.
    func listPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .viewMembers, "moderate comments", context: context) { return refused }
        let store = try store()
        let query = FormFields(encoded: request.uri.query ?? "").values.compactMapValues(\.last)
        let status = query["status"].flatMap(CommentStatus.init(rawValue:))
        let filter = status?.rawValue ?? "all"
        let number = query["page"].flatMap { Int($0) } ?? 1
        let page = try await store.moderationQueue(status: status, PageRequest(number: number, perPage: Self.perPage))
        let settings = try await env.store.settings()
        let dates = DateText(timeZone: settings.timeZone)
        let canBan = NewsroomPermissions.allows(user.role, .manageMembers)
        let rows: [[String: Any]] = page.items.map { item in
            let comment = item.comment
            return [
                "id": comment.id, "status": comment.status.rawValue, "bodyHTML": CommentText.html(comment.body),
                "author": comment.displayName, "email": item.memberEmail, "memberID": comment.memberID,
                "banned": item.memberBanned, "postTitle": item.postTitle,
                "postURL": SiteRoute.canonicalPath(.post(slug: item.postSlug)) + "#comment-\(comment.id)",
                "date": dates.display(comment.createdAt), "dateISO": DateText.iso(comment.createdAt),
                "isReply": comment.parentID != nil,
                "canApprove": comment.status != .published, "canHide": comment.status != .hidden, "canBan": canBan,
                "returnTo": "/admin/comments?status=\(filter)&page=\(page.number)",
            ]
        }
        let filters: [[String: Any]] = ["all", "pending", "published", "hidden"].map { value in
            ["value": value, "label": value == "all" ? "All" : value.capitalized, "selected": value == filter]
        }
        var values: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty, "filters": filters,
            "pending": try await store.pendingCommentCount(), "total": page.totalItems,
            "commentsOff": !settings.comments.enabled,
        ]
        if page.hasPrevious { values["prevURL"] = "/admin/comments?status=\(filter)&page=\(page.number - 1)" }
        if page.hasNext { values["nextURL"] = "/admin/comments?status=\(filter)&page=\(page.number + 1)" }
        return render("comments", title: "Comments", values, context: context)
    }

    /// `POST /admin/comments/ID/status` with `status`: approve (published) or hide.
    func setStatus(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .viewMembers, "moderate comments", context: context) { return refused }
        let form = try await FormFields.read(request, context: context)
        guard let id = context.parameters.get("id", as: Int64.self),
            let status = form["status"].flatMap(CommentStatus.init(rawValue:)), status != .pending
        else { throw HTTPError(.badRequest, message: "Choose approve or hide.") }
        guard let change = try await store().setCommentStatus(id: id, status) else {
            throw HTTPError(.notFound, message: "There is no such comment.")
        }
        env.newsroom.cache?.invalidate(change.touched)
        return back(form)
    }

    /// `POST /admin/comments/ID/delete`: the comment and its replies, for good.
    func delete(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .viewMembers, "moderate comments", context: context) { return refused }
        let form = try await FormFields.read(request, context: context)
        guard let id = context.parameters.get("id", as: Int64.self),
            let change = try await store().deleteComment(id: id, memberID: nil)
        else { throw HTTPError(.notFound, message: "There is no such comment.") }
        env.newsroom.cache?.invalidate(change.touched)
        return back(form)
    }

    /// `POST /admin/comments/members/ID/ban` with `banned=yes|no`. What they wrote stays as it
    /// is; hide it separately.
    func ban(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .manageMembers, "stop members from commenting", context: context) {
            return refused
        }
        let form = try await FormFields.read(request, context: context)
        guard let id = context.parameters.get("id", as: Int64.self), try await store().commenter(memberID: id) != nil
        else { throw HTTPError(.notFound, message: "There is no such member.") }
        try await store().setCommentsBanned(memberID: id, form["banned"] == "yes")
        return back(form)
    }

    // MARK: Parts

    func user(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else {
            throw HTTPError(.unauthorized, message: "You are signed out. Sign in again at /admin/signin.")
        }
        return user
    }

    /// The comment store, or 404 when the server keeps no comments.
    func store() throws -> any CommentStore {
        guard let store = env.store as? any CommentStore else { throw HTTPError(.notFound, message: "Not found") }
        return store
    }

    func refusal(_ user: StaffUser, _ action: NewsroomAction, _ what: String, context: BylineRequestContext)
        -> Response?
    {
        guard !NewsroomPermissions.allows(user.role, action) else { return nil }
        let who = action == .viewMembers ? "Editors and administrators" : "Administrators"
        return render(
            "site-forbidden", title: "Comments", [:], context: context,
            error: "A \(user.role.rawValue) cannot \(what). \(who) can.", status: .forbidden)
    }

    /// Back to the list the form came from (only an admin comments path is followed).
    func back(_ form: FormFields) -> Response {
        let target = form["return_to"].flatMap { $0.hasPrefix("/admin/comments?") ? $0 : nil } ?? "/admin/comments"
        return Response(status: .seeOther, headers: [.location: target, .cacheControl: "no-store"])
    }

    func render(
        _ template: String, title: String, _ values: [String: Any], context: BylineRequestContext,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["navComments"] = true
        if let error { values["error"] = error }
        var response = env.adminTheme.page(template, title: title, values, context: context, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
