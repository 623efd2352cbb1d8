import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// The newsroom's members pages (`/admin/members/`): the list with search, filters and
/// pagination, the CSV export of what the list shows, and the CSV import with a preview of what
/// it would do. Editors and above see the list; exporting and importing, personal data in bulk,
/// is for administrators and the owner (``NewsroomAction/viewMembers``,
/// ``NewsroomAction/manageMembers``). No page here sends email.
public struct AdminMemberPages: Sendable {
    let env: NewsroomEnvironment

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    /// Adds the routes to `group`, which is mounted at `/admin` behind a signed-in check and the
    /// CSRF check.
    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("members", use: listPage)
        group.get("members/export.csv", use: export)
        group.get("members/import", use: importPage)
        group.post("members/import/preview", use: previewImport)
        group.post("members/import", use: runImport)
        group.post("members/:id/delete", use: removeMember)
    }

    /// `POST /admin/members/ID/delete`: staff remove a member (administrators and the owner).
    /// Their sessions end on this node at once and on the others with the change log; the
    /// list then says so.
    func removeMember(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .manageMembers, "remove members", request: request, context: context) {
            return refused
        }
        guard let id = context.parameters.get("id", as: Int64.self), try await store().member(id: id) != nil else {
            throw HTTPError(.notFound, message: "There is no such member.")
        }
        if let members = env.members {
            try await members.deleteMember(id: id)
        } else {
            try await store().deleteMember(id: id)
        }
        return Response(status: .seeOther, headers: [.location: "/admin/members?removed=1", .cacheControl: "no-store"])
    }

    // MARK: Shared by every page

    /// The signed-in staff member; the group's middleware lets nobody else through.
    func user(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else {
            throw HTTPError(.unauthorized, message: "You are signed out. Sign in again at /admin/signin.")
        }
        return user
    }

    /// The member store, or 404 when the server keeps no members.
    func store() throws -> any MemberStore & MemberAdministration {
        guard let store = env.memberAdministration else { throw HTTPError(.notFound, message: "Not found") }
        return store
    }

    /// nil when `user` may do `action`; else the 403 page saying who may.
    func refusal(
        _ user: StaffUser, _ action: NewsroomAction, _ what: String, request: Request, context: BylineRequestContext
    ) -> Response? {
        guard !NewsroomPermissions.allows(user.role, action) else { return nil }
        let who = action == .viewMembers ? "Editors and administrators" : "Administrators"
        return render(
            "site-forbidden", title: "Members", [:], request: request, context: context,
            error: "A \(user.role.rawValue) cannot \(what). \(who) can.", status: .forbidden)
    }

    /// A page of this family, marked as the Members section of the navigation.
    func render(
        _ template: String, title: String, _ values: [String: Any], request: Request,
        context: BylineRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["navMembers"] = true
        if let error { values["error"] = error }
        var response = env.adminTheme.page(template, title: title, values, context: context, status: status)
        // Addresses are personal data: no cache, the browser's included, keeps a copy.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Every newsletter, inactive ones too (a file may name them, and the list filters by them).
    func newsletters() async throws -> [Newsletter] {
        try await store().newsletters(includingInactive: true)
    }

    func form(_ request: Request, _ context: BylineRequestContext) async throws -> FormFields {
        try await FormFields.read(request, context: context)
    }

    /// The request's query as a GET form sends it (spaces as "+").
    static func query(_ request: Request) -> [String: String] {
        FormFields(encoded: request.uri.query ?? "").values.compactMapValues(\.last)
    }
}
