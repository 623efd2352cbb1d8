import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/members/account`: the signed-in member's name, newsletters on/off, asking to change the
/// email address (``MemberSignup/requestEmailChange(member:to:client:siteTitle:)``), and
/// deleting the account (every piece of personal data). The session comes from
/// ``MemberSessionMiddleware``; each form carries its CSRF token (`_csrf`), which
/// ``CSRFMiddleware`` checks before a handler here runs.
struct MemberAccountRoutes: Sendable {
    let signup: MemberSignup
    let settings: any SettingsStore
    let secureCookies: Bool
    let page: MemberPageHTML
    let comments: (any CommentStore)?
    let cache: PageCache?

    func register(on members: RouterGroup<BylineRequestContext>) {
        members.get("account") { _, context in try await account(context) }
        members.post("account") { request, context in try await save(request, context) }
        members.post("delete") { request, context in try await delete(request, context) }
        members.post("email") { request, context in try await requestEmailChange(request, context) }
    }

    private func account(_ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else {
            return Response(status: .seeOther, headers: [.location: "/members/signin", .cacheControl: "no-store"])
        }
        return try await accountPage(session, change: .blank)
    }

    /// The account page; `change` is what the "Change email" form shows after a request.
    private func accountPage(_ session: MemberSession, change: EmailChangeForm, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let member = session.member
        let csrf = HTMLEscape.escape(session.csrfToken)
        let boxes = try await signup.store.newsletters(includingInactive: false).map { newsletter in
            let checked = member.newsletterIDs.contains(newsletter.id) ? " checked" : ""
            return "<label class=\"member-choice\"><input type=\"checkbox\" name=\"newsletter\" "
                + "value=\"\(newsletter.id)\"\(checked)> \(HTMLEscape.escape(newsletter.name))</label>"
        }.joined(separator: "\n")
        let confirmed = member.status == .confirmed
        return page.response(
            status, title: "Your account",
            body: """
                <p class="member-email">Signed in as <strong>\(HTMLEscape.escape(member.email))</strong></p>
                <p class="member-status member-status-\(member.status.rawValue)">\
                \(confirmed ? "Subscription confirmed" : "Subscription pending")</p>
                <form method="post" action="/members/account" class="member-account">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <label class="member-field">Name <input name="name" value="\(HTMLEscape.escape(member.name))" \
                autocomplete="name"></label>
                <fieldset class="member-newsletters"><legend>Newsletters</legend>
                \(boxes)
                </fieldset>
                <button type="submit">Save</button>
                </form>
                <p class="member-comments-link"><a href="/members/comments">Your comments</a></p>
                \(change.html(csrf: csrf))
                <form method="post" action="/members/delete" class="member-delete">
                <h2>Delete account</h2>
                <input type="hidden" name="_csrf" value="\(csrf)">
                <label class="member-choice"><input type="checkbox" name="confirm" value="yes"> \
                Delete my account and everything the site keeps about me</label>
                <button type="submit" class="member-danger">Delete my account</button>
                </form>
                <form method="post" action="/members/signout" class="member-signout">\
                <button type="submit">Sign out</button></form>
                """)
    }

    /// `POST /members/email`: mails a change link to the new address and says so on the page.
    private func requestEmailChange(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard case let (session, form)? = try await signedInForm(request, context) else { return signedOut() }
        let typed = form["email"] ?? ""
        do {
            let email = try await signup.requestEmailChange(
                member: session.member, to: typed, client: context.clientAddress,
                siteTitle: try await settings.settings().title)
            return try await accountPage(session, change: .sent(email))
        } catch NewsroomError.invalidField(_, let reason) {
            return try await accountPage(
                session, change: .invalid(typed: typed, reason: reason), status: .unprocessableContent)
        } catch MemberSignup.Refusal.clientThrottled, MemberSignup.Refusal.memberThrottled {
            var response = page.message(
                .tooManyRequests, title: "Too many requests",
                "You asked for too many emails in the last hour. Try again in an hour.")
            response.headers[.retryAfter] = "3600"
            return response
        }
    }

    private func save(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard case let (session, form)? = try await signedInForm(request, context) else { return signedOut() }
        let memberID = session.member.id
        let name = SignupRules.memberName(form["name"] ?? "")
        let renamed = name != session.member.name
        _ = try await signup.store.updateMember(id: memberID, name: name)
        // The store recorded the pages showing the old name; this node drops them now.
        if renamed, let cache, let comments { cache.invalidate(try await comments.commentPages(memberID: memberID)) }
        let ids = (form.values["newsletter"] ?? []).compactMap { Int64($0) }
        _ = try await signup.store.setNewsletters(memberID: memberID, ids: ids)
        return Response(status: .seeOther, headers: [.location: "/members/account", .cacheControl: "no-store"])
    }

    private func delete(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard case let (session, form)? = try await signedInForm(request, context) else { return signedOut() }
        guard form["confirm"] == "yes" else {
            throw NewsroomError.invalidField(field: "confirm", reason: "tick the box to confirm the deletion")
        }
        try await signup.deleteMember(id: session.member.id)
        var response = page.message(
            title: "Account deleted", "Your account and everything the site kept about you are deleted.")
        response.setCookie(SessionCookie.cleared(SessionCookie.memberName, secure: secureCookies))
        return response
    }

    // MARK: Parts

    /// The member's session and the form; nil when signed out. The form's CSRF token was
    /// checked by ``CSRFMiddleware`` already.
    private func signedInForm(_ request: Request, _ context: BylineRequestContext) async throws
        -> (MemberSession, FormFields)?
    {
        guard let session = context.memberSession else { return nil }
        return (session, try await FormFields.read(request, context: context))
    }

    private func signedOut() -> Response {
        page.message(.unauthorized, title: "Signed out", "You are signed out. Sign in at /members/signin.")
    }
}
