import BylineCore
import BylineStore
import Hummingbird

/// `/admin/staff/`: administrators and the owner invite staff, change their names and roles,
/// suspend and remove them. ``NewsroomPermissions/mayManage(_:target:newRole:)`` decides: nobody
/// touches the owner, nobody hands out a role above their own, nobody changes their own role.
extension AdminSitePages {
    /// A new account's one-time password, shown on the page that answers the invitation and
    /// never again.
    struct Invitation {
        let user: StaffUser
        let password: String
    }

    func staffPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        try await staffResponse(request, context)
    }

    func inviteStaff(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let actor = try user(context)
        let form = try await form(request, context)
        do {
            try env.newsroom.require(actor, .manageStaff, "invite staff")
            let role = try Self.role(form)
            let (user, password) = try await env.accounts.invite(
                email: try form.required("email"), name: try form.required("name"), role: role, by: actor)
            return Self.unstored(
                try await staffResponse(request, context, invitation: Invitation(user: user, password: password)))
        } catch {
            return try await staffResponse(request, context, refusal: refusal(error), typedInvite: form)
        }
    }

    func updateStaff(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let actor = try user(context)
        let id = try pathID(context)
        let form = try await form(request, context)
        do {
            _ = try await env.accounts.updateUser(
                id: id, name: try form.required("name"), role: try Self.role(form), suspended: form["suspended"] != nil,
                by: actor)
            return redirect("/admin/staff/", notice: .staffSaved)
        } catch {
            return try await staffResponse(request, context, refusal: refusal(error))
        }
    }

    func removeStaff(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let actor = try user(context)
        let id = try pathID(context)
        do {
            try await env.accounts.removeUser(id: id, by: actor)
            return redirect("/admin/staff/", notice: .staffRemoved)
        } catch {
            return try await staffResponse(request, context, refusal: refusal(error))
        }
    }

    /// The `role` field as a role, or 422 naming it.
    static func role(_ form: FormFields) throws -> StaffRole {
        let text = try form.required("role")
        guard let role = StaffRole(rawValue: text.lowercased()) else {
            throw NewsroomError.invalidField(
                field: "role", reason: "\"\(text)\" is not a role (contributor, author, editor, administrator)")
        }
        return role
    }

    /// The roles `actor` may give: their own and below, never owner (ownership is transferred,
    /// not granted).
    static func grantableRoles(by actor: StaffRole) -> [StaffRole] {
        StaffRole.allCases.filter { NewsroomPermissions.mayManage(actor, target: .contributor, newRole: $0) }
    }

    static func roleOptions(_ roles: [StaffRole], selected: StaffRole) -> [[String: Any]] {
        roles.map { ["value": $0.rawValue, "title": $0.title, "selected": $0 == selected] }
    }

    /// The staff list with a form for each account `actor` may manage, and the invitation form
    /// (what was typed, after a refusal; the new password, after an invitation).
    func staffResponse(
        _ request: Request, _ context: BylineRequestContext, refusal: NewsroomError? = nil,
        typedInvite: FormFields? = nil, invitation: Invitation? = nil
    ) async throws -> Response {
        let actor = try user(context)
        guard NewsroomPermissions.allows(actor.role, .manageStaff) else {
            return forbiddenPage(
                refusal?.description ?? "Only administrators and the owner manage staff accounts.", title: "Staff",
                request: request, context: context)
        }
        let grantable = Self.grantableRoles(by: actor.role)
        let rows: [[String: Any]] = try await env.store.staffUsers().map { user in
            let manageable = user.id != actor.id && NewsroomPermissions.mayManage(actor.role, target: user.role)
            return [
                "id": String(user.id), "name": user.name, "email": user.email, "role": user.role.title,
                "suspended": user.suspended, "isSelf": user.id == actor.id, "isOwner": user.role == .owner,
                "canManage": manageable,
                "roles": Self.roleOptions(
                    grantable.contains(user.role) ? grantable : [user.role] + grantable, selected: user.role),
            ]
        }
        let inviteRole = typedInvite?["role"].flatMap { StaffRole(rawValue: $0) } ?? .author
        var values: [String: Any] = [
            "staffUsers": rows,
            "invite": [
                "email": typedInvite?["email"] ?? "", "name": typedInvite?["name"] ?? "",
                "roles": Self.roleOptions(grantable, selected: inviteRole),
            ],
        ]
        if let invitation {
            values["invited"] = [
                "name": invitation.user.name, "email": invitation.user.email, "role": invitation.user.role.title,
                "password": invitation.password,
            ]
        }
        return render("site-staff", title: "Staff", values, request: request, context: context, refusal: refusal)
    }
}
