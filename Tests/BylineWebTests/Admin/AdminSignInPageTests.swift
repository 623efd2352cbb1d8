import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// `/admin/signin` over the real server: the form's double-submit CSRF cookie, a right and a
/// wrong password, the throttle, and `next` kept to paths inside the newsroom.
@Suite struct AdminSignInPageTests {
    /// The sign-in form as a fresh browser gets it: its CSRF token, also set as a cookie.
    static func signInForm(_ client: any TestClientProtocol, next: String? = nil) async throws -> String {
        let uri =
            "/admin/signin"
            + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        let form = try await client.get(uri)
        #expect(form.status == .ok)
        #expect(form.headers[.cacheControl] == "private, no-cache")
        let cookie = try #require(form.headers[.setCookie])
        #expect(cookie.contains("\(SessionCookie.signInCSRFName)="))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        let token = try #require(hiddenValue(form.text, "_csrf"))
        #expect(cookie.contains("\(SessionCookie.signInCSRFName)=\(token);"))
        return token
    }

    @Test(arguments: StoreKind.allCases) func theRightPasswordSignsInAndGoesToNext(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let (user, password) = try await site.accounts.addUser(
            email: "mara@news.example", name: "Mara Ellison", role: .editor, password: "correct horse battery")
        try await site.serve { client in
            let token = try await Self.signInForm(client, next: "/admin/posts/?status=draft")
            let signedIn = try await client.postForm(
                "/admin/signin",
                [
                    ("_csrf", token), ("email", user.email), ("password", password),
                    ("next", "/admin/posts/?status=draft"),
                ], headers: [.cookie: "\(SessionCookie.signInCSRFName)=\(token)"])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/admin/posts/?status=draft")
            let cookies = signedIn.headers[values: .setCookie]
            let session = try #require(cookies.first { $0.hasPrefix("\(SessionCookie.staffName)=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Secure"))
            // The sign-in token is spent.
            #expect(cookies.contains { $0.hasPrefix("\(SessionCookie.signInCSRFName)=;") })

            let value = String(session.dropFirst(SessionCookie.staffName.count + 1).prefix { $0 != ";" })
            let list = try await client.get("/admin/posts/", headers: [.cookie: "\(SessionCookie.staffName)=\(value)"])
            #expect(list.status == .ok)
            #expect(list.text.contains("Mara Ellison"))
            // Signed in, the form sends the browser on.
            let again = try await client.get(
                "/admin/signin", headers: [.cookie: "\(SessionCookie.staffName)=\(value)"])
            #expect(again.status == .seeOther && again.headers[.location] == "/admin/")
        }
    }

    @Test(arguments: StoreKind.allCases) func aWrongPasswordShowsTheFormAgainWith401(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let (user, _) = try await site.accounts.addUser(
            email: "mara@news.example", name: "Mara Ellison", role: .editor, password: "correct horse battery")
        try await site.serve { client in
            let token = try await Self.signInForm(client)
            let cookie: HTTPFields = [.cookie: "\(SessionCookie.signInCSRFName)=\(token)"]
            for email in [user.email, "nobody@news.example"] {
                let refused = try await client.postForm(
                    "/admin/signin", [("_csrf", token), ("email", email), ("password", "wrong password!")],
                    headers: cookie)
                #expect(refused.status == .unauthorized)
                // The same words whether the account exists or not.
                #expect(refused.text.contains("Email or password is wrong."))
                #expect(refused.text.contains("value=\"\(email)\""))
                #expect(!refused.headers[values: .setCookie].contains { $0.hasPrefix("\(SessionCookie.staffName)=") })
                #expect(hiddenValue(refused.text, "_csrf") == token)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func repeatedFailuresAreThrottledWithRetryAfter(_ kind: StoreKind) async throws
    {
        let site = try await TestSite.open(kind)
        let (user, password) = try await site.accounts.addUser(
            email: "mara@news.example", name: "Mara Ellison", role: .editor, password: "correct horse battery")
        try await site.serve { client in
            let token = try await Self.signInForm(client)
            let cookie: HTTPFields = [.cookie: "\(SessionCookie.signInCSRFName)=\(token)"]
            for _ in 0..<5 {
                let refused = try await client.postForm(
                    "/admin/signin", [("_csrf", token), ("email", user.email), ("password", "guess")], headers: cookie)
                #expect(refused.status == .unauthorized)
            }
            let throttled = try await client.postForm(
                "/admin/signin", [("_csrf", token), ("email", user.email), ("password", password)], headers: cookie)
            #expect(throttled.status == .tooManyRequests)
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(throttled.text.contains("Too many failed sign-ins"))
        }
    }

    @Test(arguments: StoreKind.allCases) func signInWithoutTheCSRFTokenIsRefused(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let (user, password) = try await site.accounts.addUser(
            email: "mara@news.example", name: "Mara Ellison", role: .editor, password: "correct horse battery")
        try await site.serve { client in
            let token = try await Self.signInForm(client)
            // No cookie (a form on another site cannot send it), or a field that does not match.
            let noCookie = try await client.postForm(
                "/admin/signin", [("_csrf", token), ("email", user.email), ("password", password)], headers: [:])
            #expect(noCookie.status == .forbidden)
            let forged = try await client.postForm(
                "/admin/signin", [("_csrf", "forged"), ("email", user.email), ("password", password)],
                headers: [.cookie: "\(SessionCookie.signInCSRFName)=\(token)"])
            #expect(forged.status == .forbidden)
            #expect(!forged.headers[values: .setCookie].contains { $0.hasPrefix("\(SessionCookie.staffName)=") })
        }
    }

    @Test func nextStaysInsideTheNewsroom() {
        #expect(SignInDestination.path("/admin/posts/3/edit") == "/admin/posts/3/edit")
        for unsafe in [
            nil, "https://evil.example/", "//evil.example/admin/", "/admin/../x", "/\\evil.example", "/admin/signin",
            "/admin//evil.example", "/tag/x/", "/admin/\u{0A}x",
        ] {
            #expect(SignInDestination.path(unsafe) == "/admin/", "\(unsafe ?? "nil")")
        }
    }
}

/// The hidden field `name`'s value in a page.
func hiddenValue(_ html: String, _ name: String) -> String? {
    guard let field = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = html[field.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}
