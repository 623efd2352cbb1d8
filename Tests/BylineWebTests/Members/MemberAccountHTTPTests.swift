import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/members/account` through the real server on both stores: the name, newsletters off and
/// on, deleting the account, and the member session's CSRF token on each form.
@Suite struct MemberAccountHTTPTests {
    static let reader = "reader@example.com"

    /// Signs `reader` up and confirms through the emailed link; the member cookie.
    static func confirmedMember(_ client: any TestClientProtocol, _ smtp: SMTPTestServer) async throws -> String {
        _ = try await client.memberPost("/subscribe", [("email", reader)])
        let mail = try #require(try await MemberTestMail.waitForMails(1, to: reader, on: smtp).first)
        let token = try #require(MemberTestMail.token(in: mail, path: "/members/confirm"))
        let confirmed = try await client.memberPost("/members/confirm", [("token", token)])
        return try #require(confirmed.memberCookie)
    }

    /// The account page and the CSRF token its forms carry.
    static func accountPage(_ client: any TestClientProtocol, cookie: String) async throws -> (String, String) {
        let page = try await client.get("/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
        #expect(page.status == .ok)
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(page.text.range(of: marker))
        return (page.text, String(page.text[start.upperBound...].prefix { $0 != "\"" }))
    }

    @Test(arguments: StoreKind.allCases) func nameAndNewslettersAreSaved(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let newsletters = try await site.store.ensureDefaultNewsletter(name: "Daily Briefing")
            let newsletterID = try #require(newsletters.first?.id)
            let cookie = try await Self.confirmedMember(client, smtp)
            let member = try #require(try await site.store.member(email: Self.reader))
            #expect(member.newsletterIDs == [newsletterID])
            let (page, csrf) = try await Self.accountPage(client, cookie: cookie)
            #expect(page.contains("Daily Briefing"))

            // Without the session's token: refused, nothing changes.
            let forged = try await client.memberPost("/members/account", [("name", "Mallory")], cookie: cookie)
            #expect(forged.status == .forbidden)
            #expect(try await site.store.member(email: Self.reader)?.name == "")

            // Newsletter off (no box ticked), name set.
            let saved = try await client.memberPost(
                "/members/account", [("_csrf", csrf), ("name", "  Ada   Reader ")], cookie: cookie)
            #expect(saved.status == .seeOther)
            var after = try #require(try await site.store.member(email: Self.reader))
            #expect(after.name == "Ada Reader")
            #expect(after.newsletterIDs.isEmpty)
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 0)

            // And on again.
            _ = try await client.memberPost(
                "/members/account", [("_csrf", csrf), ("name", "Ada"), ("newsletter", String(newsletterID))],
                cookie: cookie)
            after = try #require(try await site.store.member(email: Self.reader))
            #expect(after.newsletterIDs == [newsletterID])
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 1)

            // Signed out: refused.
            let signedOut = try await client.memberPost("/members/account", [("_csrf", csrf), ("name", "X")])
            #expect(signedOut.status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingTheAccountRemovesTheMember(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let cookie = try await Self.confirmedMember(client, smtp)
            let memberID = try #require(try await site.store.member(email: Self.reader)?.id)
            let (_, csrf) = try await Self.accountPage(client, cookie: cookie)

            let unconfirmed = try await client.memberPost("/members/delete", [("_csrf", csrf)], cookie: cookie)
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.text.contains("confirm"))
            #expect(try await site.store.member(id: memberID) != nil)

            let deleted = try await client.memberPost(
                "/members/delete", [("_csrf", csrf), ("confirm", "yes")], cookie: cookie)
            #expect(deleted.status == .ok)
            #expect(try await site.store.member(id: memberID) == nil)
            #expect(try await site.store.member(email: Self.reader) == nil)
            let account = try await client.get(
                "/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
            #expect(account.status == .seeOther)
        }
    }
}
