import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/members/account`: the signed-in member's name, newsletters on/off, and deleting the
/// account (every piece of personal data). Each form carries the member session's CSRF token
/// (`_csrf`), checked here: ``CSRFMiddleware`` leaves `/members/` to the member routes.
struct MemberAccountRoutes: Sendable {
    let signup: MemberSignup
    let secureCookies: Bool

    func register(on members: RouterGroup<BylineRequestContext>) {
        members.get("account") { request, _ in try await account(request) }
        members.post("account") { request, context in try await save(request, context) }
        members.post("delete") { request, context in try await delete(request, context) }
    }

    private func account(_ request: Request) async throws -> Response {
        guard let session = try await session(request) else {
            return Response(status: .seeOther, headers: [.location: "/members/signin", .cacheControl: "no-store"])
        }
        let member = session.member
        let csrf = HTMLEscape.escape(session.csrfToken)
        let boxes = try await signup.store.newsletters(includingInactive: false).map { newsletter in
            let checked = member.newsletterIDs.contains(newsletter.id) ? " checked" : ""
            return "<label><input type=\"checkbox\" name=\"newsletter\" value=\"\(newsletter.id)\"\(checked)> "
                + "\(HTMLEscape.escape(newsletter.name))</label><br>"
        }.joined(separator: "\n")
        return MemberPageHTML.response(
            title: "Your account",
            body: """
                <p class="member-email">Signed in as \(HTMLEscape.escape(member.email))</p>
                <p class="member-status">\(member.status == .confirmed ? "Subscription confirmed" : "Subscription pending")</p>
                <form method="post" action="/members/account" class="member-account">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <label>Name <input name="name" value="\(HTMLEscape.escape(member.name))"></label>
                <fieldset><legend>Newsletters</legend>
                \(boxes)
                </fieldset>
                <button type="submit">Save</button>
                </form>
                <form method="post" action="/members/delete" class="member-delete">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <label><input type="checkbox" name="confirm" value="yes"> Delete my account and everything the site keeps about me</label>
                <button type="submit">Delete my account</button>
                </form>
                <form method="post" action="/members/signout"><button type="submit">Sign out</button></form>
                """)
    }

    private func save(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let (session, form) = try await signedInForm(request, context)
        guard let session, let form else { return Self.refused(session == nil) }
        let memberID = session.member.id
        _ = try await signup.store.updateMember(id: memberID, name: SignupRules.memberName(form["name"] ?? ""))
        let ids = (form.values["newsletter"] ?? []).compactMap { Int64($0) }
        _ = try await signup.store.setNewsletters(memberID: memberID, ids: ids)
        return Response(status: .seeOther, headers: [.location: "/members/account", .cacheControl: "no-store"])
    }

    private func delete(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let (session, form) = try await signedInForm(request, context)
        guard let session, let form else { return Self.refused(session == nil) }
        guard form["confirm"] == "yes" else {
            throw NewsroomError.invalidField(field: "confirm", reason: "tick the box to confirm the deletion")
        }
        try await signup.store.deleteMember(id: session.member.id)
        var response = MemberPageHTML.message(
            title: "Account deleted", "Your account and everything the site kept about you are deleted.")
        response.setCookie(SessionCookie.cleared(SessionCookie.memberName, secure: secureCookies))
        return response
    }

    // MARK: Parts

    private func session(_ request: Request) async throws -> MemberSession? {
        guard let token = request.cookies[SessionCookie.memberName]?.value, !token.isEmpty else { return nil }
        return try await signup.session(cookie: token)
    }

    /// The session and the form, the form only when it carries the session's CSRF token.
    private func signedInForm(_ request: Request, _ context: BylineRequestContext) async throws
        -> (MemberSession?, FormFields?)
    {
        guard let session = try await session(request) else { return (nil, nil) }
        let form = try await FormFields.read(request, context: context)
        guard let sent = form["_csrf"], SecretToken.equal(sent, session.csrfToken) else { return (session, nil) }
        return (session, form)
    }

    private static func refused(_ signedOut: Bool) -> Response {
        signedOut
            ? MemberPageHTML.message(
                .unauthorized, title: "Signed out", "You are signed out. Sign in at /members/signin.")
            : MemberPageHTML.message(
                .forbidden, title: "Form refused",
                "The form has expired or did not come from this site (missing CSRF token). Reload the page and try again."
            )
    }
}
