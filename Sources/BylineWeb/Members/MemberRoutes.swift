import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// The reader-facing member routes: `POST /subscribe`, the confirmation, sign-in and
/// email-change links (each a page with a button that POSTs the token back), sign-out, and
/// ``MemberAccountRoutes``.
/// Their POSTs carry no session CSRF token (``CSRFMiddleware`` leaves `/subscribe` and
/// `/members/` to them): each is checked by ``SameSiteOrigin``, and the link POSTs are
/// authenticated by their single-use token as well.
/// Signup and sign-in carry an optional ``ReturnPath`` (`return_to`) from the form through the
/// emailed link and its button page: the reader lands back there instead of on the account page.
struct MemberRoutes: Sendable {
    let signup: MemberSignup
    let settings: any SettingsStore
    let origin: SameSiteOrigin
    /// `Secure` cookies: the site is served over https.
    let secureCookies: Bool
    /// Draws the pages (with the site theme's stylesheet).
    let page: MemberPageHTML
    /// Comments, when the store has them: a rename drops the articles showing the old name.
    var comments: (any CommentStore)? = nil
    /// This node's page cache, dropped at once after a rename (other nodes follow the change log).
    var cache: PageCache? = nil

    static let checkInbox =
        "If that address can receive our emails, a message with a link is on its way. Check your inbox."
    /// The line above the sign-in form when the reader comes from a gated article.
    static let signInToKeepReading =
        "Sign in to keep reading. We will email you a link that brings you back to the article."

    func register(on router: Router<BylineRequestContext>) {
        router.post("subscribe") { request, context in try await subscribe(request, context) }
        let members = router.group("members")
        members.get("confirm") { request, _ in
            linkPage(
                request, title: "Confirm your subscription", text: "Press the button to confirm your subscription.",
                action: "/members/confirm", button: "Confirm subscription")
        }
        members.post("confirm") { request, context in
            try await useLink(request, context) { try await signup.confirm(token: $0) }
        }
        members.get("signin") { request, _ in
            let returnTo = queryReturnPath(request)
            return page.emailForm(
                title: "Sign in", action: "/members/signin", error: nil, value: "", stamp: stamp(), returnTo: returnTo,
                lead: returnTo == nil ? nil : Self.signInToKeepReading)
        }
        members.post("signin") { request, context in try await requestSignIn(request, context) }
        members.get("auth") { request, _ in
            linkPage(
                request, title: "Sign in", text: "Press the button to sign in on this browser.",
                action: "/members/auth", button: "Sign in")
        }
        members.post("auth") { request, context in
            try await useLink(request, context) { try await signup.signIn(token: $0) }
        }
        members.get("change-email") { request, _ in
            linkPage(
                request, title: "Confirm your new email address",
                text: "Press the button to move your account to this address.", action: "/members/change-email",
                button: "Confirm new address")
        }
        members.post("change-email") { request, context in try await changeEmail(request, context) }
        members.post("signout") { request, _ in try await signOut(request) }
        MemberAccountRoutes(
            signup: signup, settings: settings, secureCookies: secureCookies, page: page, comments: comments,
            cache: cache
        ).register(on: members)
        MemberUnsubscribeRoutes(signup: signup, page: page).register(on: members)
    }

    // MARK: Handlers

    private func subscribe(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard origin.allows(request) else { return foreignForm() }
        let form = try await FormFields.read(request, context: context)
        // The honeypot: hidden from people, filled in by bots that fill in every field.
        if let trap = form["website"], !trap.isEmpty { return checkInboxPage() }
        guard signup.formStamp.allows(form[SignupFormStamp.fieldName], now: signup.clock.now()) else {
            return checkInboxPage()
        }
        let newsletterIDs = (form.values["newsletter"] ?? []).compactMap { Int64($0) }
        let returnTo = ReturnPath(form[ReturnPath.fieldName])
        do {
            try await signup.subscribe(
                email: form["email"] ?? "", newsletterIDs: newsletterIDs, client: context.clientAddress,
                siteTitle: try await settings.settings().title, returnTo: returnTo)
        } catch NewsroomError.invalidField(_, let reason) {
            return page.emailForm(
                .unprocessableContent, title: "Subscribe", action: "/subscribe", error: reason,
                value: form["email"] ?? "", stamp: stamp(), returnTo: returnTo)
        } catch MemberSignup.Refusal.clientThrottled {
            return throttled()
        }
        return checkInboxPage()
    }

    private func requestSignIn(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard origin.allows(request) else { return foreignForm() }
        let form = try await FormFields.read(request, context: context)
        if let trap = form["website"], !trap.isEmpty { return checkInboxPage() }
        guard signup.formStamp.allows(form[SignupFormStamp.fieldName], now: signup.clock.now()) else {
            return checkInboxPage()
        }
        let returnTo = ReturnPath(form[ReturnPath.fieldName])
        do {
            try await signup.requestSignIn(
                email: form["email"] ?? "", client: context.clientAddress,
                siteTitle: try await settings.settings().title, returnTo: returnTo)
        } catch NewsroomError.invalidField(_, let reason) {
            return page.emailForm(
                .unprocessableContent, title: "Sign in", action: "/members/signin", error: reason,
                value: form["email"] ?? "", stamp: stamp(), returnTo: returnTo,
                lead: returnTo == nil ? nil : Self.signInToKeepReading)
        } catch MemberSignup.Refusal.clientThrottled {
            return throttled()
        }
        return checkInboxPage()
    }

    /// The page an emailed link opens: a button, so only a person's press uses the link up. A
    /// good `return_to` in the link rides along in the button's form.
    private func linkPage(_ request: Request, title: String, text: String, action: String, button: String)
        -> Response
    {
        guard let token = request.uri.queryParameters["token"].map(String.init), !token.isEmpty else {
            return linkRefused()
        }
        return page.confirmButton(
            title: title, text: text, action: action, token: token, button: button,
            returnTo: queryReturnPath(request))
    }

    /// Uses a confirmation or sign-in link: this browser signed in, then a 303 to the form's good
    /// `return_to`, or to the account page.
    private func useLink(
        _ request: Request, _ context: BylineRequestContext,
        _ use: (String) async throws -> OpenedMemberSession?
    ) async throws -> Response {
        guard origin.allows(request) else { return foreignForm() }
        let form = try await FormFields.read(request, context: context)
        guard let token = form.optional("token"), let session = try await use(token) else { return linkRefused() }
        let location = ReturnPath(form[ReturnPath.fieldName])?.path ?? "/members/account"
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        response.setCookie(SessionCookie.member(session.cookieToken, secure: secureCookies, maxAge: session.maxAge))
        return response
    }

    /// Uses an email-change link: the new address on the account and this browser signed in, or
    /// a 409 naming the address another member has (nothing changes then).
    private func changeEmail(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard origin.allows(request) else { return foreignForm() }
        let form = try await FormFields.read(request, context: context)
        guard let token = form.optional("token") else { return linkRefused() }
        switch try await signup.confirmEmailChange(token: token, siteTitle: try await settings.settings().title) {
        case .refused:
            return linkRefused()
        case .taken(let email, _):
            return page.message(
                .conflict, title: "Address already in use",
                "\(email) already belongs to another member of this site, so nothing was changed: the account "
                    + "keeps its address. Choose another address on your account page.")
        case .changed(let member, _, let session):
            var response = page.response(
                title: "Email address changed",
                body: """
                    <p class="member-notice" role="status">Your account's address is now \
                    <strong>\(HTMLEscape.escape(member.email))</strong>. A notice went to your previous address.</p>
                    <p><a href="/members/account">Go to your account</a></p>
                    """)
            response.setCookie(
                SessionCookie.member(session.cookieToken, secure: secureCookies, maxAge: session.maxAge))
            return response
        }
    }

    private func signOut(_ request: Request) async throws -> Response {
        guard origin.allows(request) else { return foreignForm() }
        if let token = request.cookies[SessionCookie.memberName]?.value, !token.isEmpty {
            try await signup.signOut(cookie: token)
        }
        var response = Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
        response.setCookie(SessionCookie.cleared(SessionCookie.memberName, secure: secureCookies))
        return response
    }

    // MARK: Answers

    /// The link's or the address's `return_to`, when it is a good one.
    private func queryReturnPath(_ request: Request) -> ReturnPath? {
        ReturnPath(request.uri.queryParameters[Substring(ReturnPath.fieldName)].map(String.init))
    }

    /// A fresh signed stamp for a form rendered now.
    private func stamp() -> String { signup.formStamp.stamp(signup.clock.now()) }

    private func checkInboxPage() -> Response {
        page.message(title: "Check your inbox", Self.checkInbox)
    }

    private func throttled() -> Response {
        var response = page.message(
            .tooManyRequests, title: "Too many requests", "Too many requests from your network. Try again in an hour.")
        response.headers[.retryAfter] = "3600"
        return response
    }

    private func foreignForm() -> Response {
        page.message(
            .forbidden, title: "Form refused", "This form was not sent from this site. Open the site and try again.")
    }

    func linkRefused() -> Response {
        page.message(
            .gone, title: "Link expired",
            "This link has expired or was already used. Ask for a new one at /members/signin.")
    }
}
