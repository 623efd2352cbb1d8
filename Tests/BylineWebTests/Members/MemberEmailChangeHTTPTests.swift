import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Changing a member's email address through the real server and a real SMTP server, on both
/// stores: the link goes to the new address and only its use moves the member, the old address
/// is told, and links that are used, expired or aimed at a taken address change nothing.
@Suite struct MemberEmailChangeHTTPTests {
    static let reader = MemberAccountHTTPTests.reader
    static let newAddress = "new.reader@example.org"

    /// A confirmed, signed-in `reader` who asked to move to `newAddress`: the member cookie,
    /// the account page's answer, and the token the new address was mailed.
    static func requestedChange(
        _ client: any TestClientProtocol, _ smtp: SMTPTestServer, to address: String = newAddress
    ) async throws -> (cookie: String, answer: TestResponse, token: String) {
        let cookie = try await MemberAccountHTTPTests.confirmedMember(client, smtp)
        let (_, csrf) = try await MemberAccountHTTPTests.accountPage(client, cookie: cookie)
        let answer = try await client.memberPost(
            "/members/email", [("_csrf", csrf), ("email", address)], cookie: cookie)
        let mail = try #require(try await MemberTestMail.waitForMails(1, to: address, on: smtp).first)
        let token = try #require(MemberTestMail.token(in: mail, path: "/members/change-email"))
        return (cookie, answer, token)
    }

    static func account(_ client: any TestClientProtocol, cookie: String) async throws -> TestResponse {
        try await client.get("/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
    }

    @Test(arguments: StoreKind.allCases) func newAddressConfirmsTheChangeAndOldAddressIsTold(_ kind: StoreKind)
        async throws
    {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let (cookie, answer, token) = try await Self.requestedChange(client, smtp)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("We sent a link to <strong>\(Self.newAddress)</strong>"))
            #expect(answer.text.contains("your address changes when you open it"))
            let memberID = try #require(try await site.store.member(email: Self.reader)?.id)
            // The link went to the new address only: the old one has just its confirmation.
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).count == 1)
            let linkMail = try #require(try MemberTestMail.mails(to: Self.newAddress, on: smtp).first)
            #expect(linkMail.decoded("subject")?.contains("new email address") == true)

            // Opening the link (a mail scanner's prefetch) changes nothing: it shows a button.
            let page = try await client.get("/members/change-email?token=\(token)")
            #expect(page.status == .ok)
            #expect(page.text.contains("method=\"post\""))
            #expect(page.text.contains("action=\"/members/change-email\""))
            #expect(try await site.store.member(id: memberID)?.email == Self.reader)

            let changed = try await client.memberPost("/members/change-email", [("token", token)])
            #expect(changed.status == .ok)
            #expect(changed.text.contains(Self.newAddress))
            #expect(changed.memberCookie != nil)
            let member = try #require(try await site.store.member(id: memberID))
            #expect(member.email == Self.newAddress)
            #expect(try await site.store.member(email: Self.reader) == nil)
            #expect(try await site.store.member(email: Self.newAddress)?.id == memberID)

            // The old address is told, and told where the account went.
            let mails = try await MemberTestMail.waitForMails(2, to: Self.reader, on: smtp)
            #expect(mails.count == 2)
            let notice = try #require(mails.last)
            #expect(notice.decoded("subject")?.contains("was changed") == true)
            let noticeText = notice.part("text/plain")?.text ?? notice.parts.first?.text ?? ""
            #expect(noticeText.contains(Self.newAddress))
            #expect(!noticeText.contains("/members/"))

            // The session that asked shows the new address.
            let account = try await Self.account(client, cookie: cookie)
            #expect(account.status == .ok)
            #expect(account.text.contains("Signed in as <strong>\(Self.newAddress)</strong>"))

            // Signing in by link works with the new address (and no longer with the old one).
            _ = try await client.memberPost("/members/signin", [("email", Self.newAddress)])
            _ = try await client.memberPost("/members/signin", [("email", Self.reader)])
            let signInMails = try await MemberTestMail.waitForMails(2, to: Self.newAddress, on: smtp)
            let signInMail = try #require(signInMails.last)
            let signInToken = try #require(MemberTestMail.token(in: signInMail, path: "/members/auth"))
            let signedIn = try await client.memberPost("/members/auth", [("token", signInToken)])
            #expect(signedIn.status == .seeOther)
            let newCookie = try #require(signedIn.memberCookie)
            #expect(try await Self.account(client, cookie: newCookie).text.contains(Self.newAddress))
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func usedLinkIsRefused(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let (_, _, token) = try await Self.requestedChange(client, smtp)
            let memberID = try #require(try await site.store.member(email: Self.reader)?.id)
            #expect(try await client.memberPost("/members/change-email", [("token", token)]).status == .ok)
            // Moved back by the admin, say: the used link must not move the member again.
            _ = try await site.store.changeEmail(memberID: memberID, to: Self.reader)
            let again = try await client.memberPost("/members/change-email", [("token", token)])
            #expect(again.status == .gone)
            #expect(again.memberCookie == nil)
            #expect(try await site.store.member(id: memberID)?.email == Self.reader)
        }
    }

    @Test(arguments: StoreKind.allCases) func expiredLinkIsRefused(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let (_, _, token) = try await Self.requestedChange(client, smtp)
            site.clock.advance(by: MemberTokenPurpose.changeEmail.lifetime + 1)
            let late = try await client.memberPost("/members/change-email", [("token", token)])
            #expect(late.status == .gone)
            #expect(late.memberCookie == nil)
            #expect(try await site.store.member(email: Self.reader) != nil)
            #expect(try await site.store.member(email: Self.newAddress) == nil)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).count == 1)
        }
    }

    /// Another member has the address by the time the link is used: a 409 that says so, and
    /// neither member changes.
    @Test(arguments: StoreKind.allCases) func takenAddressChangesNothing(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let (_, answer, token) = try await Self.requestedChange(client, smtp)
            #expect(answer.status == .ok)
            let readerID = try #require(try await site.store.member(email: Self.reader)?.id)
            let other = try await site.store.requestSignup(email: Self.newAddress)
            _ = try await site.store.confirmMember(id: other.memberID)

            let refused = try await client.memberPost("/members/change-email", [("token", token)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("already belongs to another member"))
            #expect(refused.text.contains("nothing was changed"))
            #expect(refused.memberCookie == nil)
            #expect(try await site.store.member(id: readerID)?.email == Self.reader)
            #expect(try await site.store.member(id: other.memberID)?.email == Self.newAddress)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func invalidAddressIs422KeepingWhatWasTyped(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let cookie = try await MemberAccountHTTPTests.confirmedMember(client, smtp)
            let (_, csrf) = try await MemberAccountHTTPTests.accountPage(client, cookie: cookie)
            for typed in ["not an address", "reader@example", "  READER@example.com "] {
                let answer = try await client.memberPost(
                    "/members/email", [("_csrf", csrf), ("email", typed)], cookie: cookie)
                #expect(answer.status == .unprocessableContent, "\(typed)")
                #expect(answer.text.contains("data-field=\"email\">email: "), "\(typed)")
                #expect(answer.text.contains("value=\"\(typed)\""), "\(typed)")
            }
            let own = try await client.memberPost(
                "/members/email", [("_csrf", csrf), ("email", Self.reader.uppercased())], cookie: cookie)
            #expect(own.text.contains("already your address"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try smtp.received().count == 1)
            #expect(try await site.store.member(email: Self.reader) != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func requestNeedsTheSessionsCSRFToken(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { _, client, _, smtp in
            let cookie = try await MemberAccountHTTPTests.confirmedMember(client, smtp)
            let (_, csrf) = try await MemberAccountHTTPTests.accountPage(client, cookie: cookie)
            let missing = try await client.memberPost("/members/email", [("email", Self.newAddress)], cookie: cookie)
            #expect(missing.status == .forbidden)
            let wrong = try await client.memberPost(
                "/members/email", [("_csrf", csrf + "x"), ("email", Self.newAddress)], cookie: cookie)
            #expect(wrong.status == .forbidden)
            let signedOut = try await client.memberPost(
                "/members/email", [("_csrf", csrf), ("email", Self.newAddress)])
            #expect(signedOut.status == .unauthorized)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try MemberTestMail.mails(to: Self.newAddress, on: smtp).isEmpty)

            // Positive control: with the token, the link goes out.
            let sent = try await client.memberPost(
                "/members/email", [("_csrf", csrf), ("email", Self.newAddress)], cookie: cookie)
            #expect(sent.status == .ok)
            #expect(try await MemberTestMail.waitForMails(1, to: Self.newAddress, on: smtp).count == 1)
        }
    }

    /// Per member like signup per address: the sixth request within the hour is a 429 and mails
    /// nothing; an hour later it works again. Deleting the account forgets the count.
    @Test(arguments: StoreKind.allCases) func requestsAreThrottledPerMember(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let cookie = try await MemberAccountHTTPTests.confirmedMember(client, smtp)
            let (_, csrf) = try await MemberAccountHTTPTests.accountPage(client, cookie: cookie)
            for index in 0..<MemberSignup.emailsPerAddressPerHour {
                let answer = try await client.memberPost(
                    "/members/email", [("_csrf", csrf), ("email", "new\(index)@example.org")], cookie: cookie)
                #expect(answer.status == .ok)
            }
            let over = try await client.memberPost(
                "/members/email", [("_csrf", csrf), ("email", "over@example.org")], cookie: cookie)
            #expect(over.status == .tooManyRequests)
            #expect(over.headers[.retryAfter] == "3600")
            let last = "new\(MemberSignup.emailsPerAddressPerHour - 1)@example.org"
            #expect(try await MemberTestMail.waitForMails(1, to: last, on: smtp).count == 1)
            #expect(try MemberTestMail.mails(to: "over@example.org", on: smtp).isEmpty)

            site.clock.advance(by: 3601)
            let later = try await client.memberPost(
                "/members/email", [("_csrf", csrf), ("email", "over@example.org")], cookie: cookie)
            #expect(later.status == .ok)
            #expect(try await MemberTestMail.waitForMails(1, to: "over@example.org", on: smtp).count == 1)

            // The throttle's notes about the member are personal data: deleting the account removes them.
            let memberID = try #require(try await site.store.member(email: Self.reader)?.id)
            #expect(try await site.store.signupAttempts(scope: .member(memberID), since: .distantPast) > 0)
            try await site.store.deleteMember(id: memberID)
            #expect(try await site.store.signupAttempts(scope: .member(memberID), since: .distantPast) == 0)
        }
    }
}
