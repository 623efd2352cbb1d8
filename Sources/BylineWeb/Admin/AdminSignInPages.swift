import BylineCore
import Foundation
import Hummingbird

/// Signing in to and out of the newsroom. Registered on `/admin` without the signed-in check.
///
/// Before sign-in there is no session to keep a CSRF token in, so the form's token is also set
/// as a cookie and ``CSRFMiddleware`` checks that both match (double submit): a page on another
/// site can neither read the cookie nor post a matching field, so it cannot sign a browser in
/// to an account of its choosing.
public struct AdminSignInPages: Sendable {
    public let env: NewsroomEnvironment

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("signin") { request, context in
            try await form(request, context: context)
        }
        group.post("signin") { request, context in
            try await signIn(request, context: context)
        }
        group.post("signout") { request, context in
            try await signOut(request, context: context)
        }
    }

    /// The form; a browser already signed in goes on to where it was heading.
    func form(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let next = FormFields(encoded: request.uri.query ?? "")["next"]
        if context.staff != nil { return AdminAnswer.seeOther(SignInDestination.path(next)) }
        return page(
            email: "", next: next, message: nil, status: .ok,
            token: request.cookies[SessionCookie.signInCSRFName]?.value, context: context)
    }

    func signIn(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let form = try await FormFields.read(request, context: context)
        let email = form.optional("email") ?? ""
        let next = form.optional("next")
        let token = request.cookies[SessionCookie.signInCSRFName]?.value
        do {
            let new = try await env.accounts.signIn(
                email: email, password: form["password"] ?? "", clientAddress: context.clientAddress)
            var response = AdminAnswer.seeOther(SignInDestination.path(next))
            response.setCookie(
                SessionCookie.staff(
                    new.token, secure: env.secureCookies, maxAge: Int(StaffAccounts.sessionLifetime)))
            response.setCookie(
                SessionCookie.cleared(SessionCookie.signInCSRFName, path: "/admin", secure: env.secureCookies))
            return response
        } catch StaffAccounts.SignInRefusal.wrongCredentials {
            // Never which of the two: that would tell a guesser which emails have accounts.
            return page(
                email: email, next: next, message: "Email or password is wrong.", status: .unauthorized, token: token,
                context: context)
        } catch StaffAccounts.SignInRefusal.throttled(let retryAfter) {
            let minutes = max(1, (retryAfter + 59) / 60)
            var response = page(
                email: email, next: next,
                message: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                status: .tooManyRequests, token: token, context: context)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
    }

    /// Ends this browser's session (others stay signed in) and clears its cookie.
    func signOut(_ request: Request, context: BylineRequestContext) async throws -> Response {
        if let session = context.staffSession { try await env.accounts.signOut(session) }
        var response = AdminAnswer.seeOther("/admin/signin")
        response.setCookie(SessionCookie.cleared(SessionCookie.staffName, secure: env.secureCookies))
        return response
    }

    /// The form with a CSRF token, reusing the browser's token so several open tabs keep working.
    func page(
        email: String, next: String?, message: String?, status: HTTPResponse.Status, token: String?,
        context: BylineRequestContext
    ) -> Response {
        let token = token.flatMap { $0.isEmpty ? nil : $0 } ?? SecretToken.make()
        var values: [String: Any] = ["email": email, "csrfToken": token]
        if let next, SignInDestination.path(next) != SignInDestination.fallback { values["next"] = next }
        if let message { values["message"] = message }
        var response = env.adminTheme.page("signin", title: "Sign in", values, context: context, status: status)
        response.setCookie(SessionCookie.signInCSRF(token, secure: env.secureCookies))
        return response
    }
}
