import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/admin/account` over the real server: a password change needs the current password, and an
/// API token's secret is shown once, then only its name is listed.
@Suite struct AdminAccountPageTests {
    @Test(arguments: StoreKind.allCases) func passwordChangeChecksTheCurrentPassword(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        let otherBrowser = try await site.accounts.signIn(
            email: author.user.email, password: author.password, clientAddress: "127.0.0.3")
        let newPassword = "a much longer new password"
        try await site.serve { client in
            let wrong = try await client.postForm(
                "/admin/account/password",
                csrfFields(
                    author,
                    [
                        ("current_password", "not my password"), ("new_password", newPassword),
                        ("confirm_password", newPassword),
                    ]), headers: author.headers())
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("current_password: is not your current password"))
            #expect(
                wrong.text.contains(
                    "name=\"current_password\" required autocomplete=\"current-password\" aria-invalid=\"true\""))

            let mismatch = try await client.postForm(
                "/admin/account/password",
                csrfFields(
                    author,
                    [
                        ("current_password", author.password), ("new_password", newPassword),
                        ("confirm_password", newPassword + "!"),
                    ]), headers: author.headers())
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.text.contains("confirm_password"))

            let changed = try await client.postForm(
                "/admin/account/password",
                csrfFields(
                    author,
                    [
                        ("current_password", author.password), ("new_password", newPassword),
                        ("confirm_password", newPassword),
                    ]), headers: author.headers())
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location] == "/admin/account?done=password-changed")
            // This browser stays signed in; the other one is signed out.
            #expect(try await client.get("/admin/account", headers: author.headers()).status == .ok)
            let other = try await client.get(
                "/admin/account", headers: [.cookie: "\(SessionCookie.staffName)=\(otherBrowser.token)"])
            #expect(other.status == .seeOther)
            _ = try await site.accounts.signIn(
                email: author.user.email, password: newPassword, clientAddress: "127.0.0.4")
        }
    }

    @Test(arguments: StoreKind.allCases) func anAPITokenIsShownOnceAndListed(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let created = try await client.postForm(
                "/admin/account/tokens", csrfFields(editor, [("token_name", "Publishing script")]),
                headers: editor.headers())
            #expect(created.status == .ok)
            #expect(created.headers[.cacheControl] == "no-store")
            let secret = try #require(shownSecret(created.text))
            #expect(secret.hasPrefix("byline_"))
            #expect(try await site.accounts.apiTokenUser(token: secret)?.id == editor.user.id)

            let page = try await client.get("/admin/account", headers: editor.headers())
            #expect(page.status == .ok)
            #expect(page.text.contains("<td class=\"col-name\">Publishing script</td>"))
            #expect(!page.text.contains(secret))

            let unnamed = try await client.postForm(
                "/admin/account/tokens", csrfFields(editor, [("token_name", " ")]), headers: editor.headers())
            #expect(unnamed.status == .unprocessableContent)
            #expect(unnamed.text.contains("token_name: is required"))

            let token = try #require(try await site.store.apiTokens(userID: editor.user.id).first)
            let revoked = try await client.postForm(
                "/admin/account/tokens/\(token.id)/revoke", csrfFields(editor, []), headers: editor.headers())
            #expect(revoked.status == .seeOther)
            #expect(try await site.accounts.apiTokenUser(token: secret) == nil)
            #expect(
                !(try await client.get("/admin/account", headers: editor.headers()).text.contains(
                    "<td class=\"col-name\">Publishing script</td>")))
        }
    }

    @Test(arguments: StoreKind.allCases) func anyoneRenamesThemselves(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let contributor = try await site.signedIn(.contributor)
        try await site.serve { client in
            let renamed = try await client.postForm(
                "/admin/account", csrfFields(contributor, [("name", "Casey Contributor")]),
                headers: contributor.headers())
            #expect(renamed.status == .seeOther)
            #expect(try await site.store.staffUser(id: contributor.user.id)?.name == "Casey Contributor")
            let blank = try await client.postForm(
                "/admin/account", csrfFields(contributor, [("name", "")]), headers: contributor.headers())
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("name: is required"))
        }
    }
}
