import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// One-click unsubscribe through the real server on both stores: the RFC 8058 POST a mail
/// program sends, the page with a button, and tokens that are not the site's.
@Suite struct MemberUnsubscribeHTTPTests {
    @Test(arguments: StoreKind.allCases) func oneClickPostUnsubscribes(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, server, _ in
            let newsletters = try await site.store.ensureDefaultNewsletter(name: "Daily Briefing")
            let newsletterID = try #require(newsletters.first?.id)
            let outcome = try await site.store.requestSignup(email: "reader@example.com")
            _ = try await site.store.confirmMember(id: outcome.memberID)
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 1)
            let members = try #require(server.newsroom?.members)
            let url = members.unsubscribeURL(memberID: outcome.memberID, newsletterID: newsletterID)
            let path = String(url.dropFirst("https://news.example".count))
            #expect(path.hasPrefix("/members/unsubscribe?token="))

            // The page a person opens unsubscribes nobody by itself.
            let page = try await client.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Unsubscribe"))
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 1)

            // A token that is not the site's: refused.
            let tampered = path.replacingOccurrences(
                of: "token=\(outcome.memberID).", with: "token=\(outcome.memberID + 1).")
            let refused = try await client.execute(
                uri: tampered, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(refused.status == .badRequest)
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 1)

            // RFC 8058: the mail program's POST, no cookie, no Origin, no CSRF token.
            let oneClick = try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(oneClick.status == .ok)
            #expect(try await site.store.confirmedSubscriberCount(newsletterID: newsletterID) == 0)
            #expect(try await site.store.member(id: outcome.memberID)?.newsletterIDs.isEmpty == true)
            // Again: the same answer.
            let again = try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(again.status == .ok)
        }
    }
}
