import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// A reader who signs up or signs in from a gated article lands back on it: `return_to` rides
/// from the form through the emailed link and its button page to the final 303, over the real
/// HTTP server and a real SMTP server, on both stores. A forged one at any step ends on the
/// account page.
@Suite struct MemberReturnPathHTTPTests {
    static let reader = "reader@example.com"
    static let story = "/some-slug/"
    static let evil = "//evil.example"

    /// The `path?token=…` link of a message's plain-text part, relative to the site
    /// (`/members/confirm?token=…&return_to=…`).
    static func link(in mail: ParsedMail, path: String) throws -> String {
        let text = mail.part("text/plain")?.text ?? mail.parts.first?.text ?? ""
        let range = try #require(text.range(of: path + "?token="))
        return String(text[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    /// The `return_to` query value of a relative link, decoded.
    static func returnTo(of link: String) -> String? {
        URLComponents(string: link)?.queryItems?.first { $0.name == "return_to" }?.value
    }

    static func hiddenReturnField(_ path: String) -> String {
        "<input type=\"hidden\" name=\"return_to\" value=\"\(path)\">"
    }

    @Test(arguments: StoreKind.allCases) func confirmingASignupLandsOnTheArticle(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let answer = try await client.memberPost("/subscribe", [("email", Self.reader), ("return_to", Self.story)])
            #expect(answer.status == .ok)
            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let link = try Self.link(in: mail, path: "/members/confirm")
            #expect(link.hasSuffix("&return_to=%2Fsome-slug%2F"))
            #expect(Self.returnTo(of: link) == Self.story)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/confirm"))

            let page = try await client.get(link)
            #expect(page.status == .ok)
            #expect(page.text.contains(Self.hiddenReturnField(Self.story)))
            #expect(try await site.store.member(email: Self.reader)?.status == .pending)

            let confirmed = try await client.memberPost(
                "/members/confirm", [("token", token), ("return_to", Self.story)])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == Self.story)
            let cookie = try #require(confirmed.memberCookie)
            #expect(try await site.store.member(email: Self.reader)?.status == .confirmed)
            let account = try await client.get(
                "/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
            #expect(account.status == .ok)
        }
    }

    /// A member who subscribes again (a new device, the gate's form instead of "Continue
    /// reading") gets a sign-in link, and it too brings them back to the article.
    @Test(arguments: StoreKind.allCases) func aMemberSubscribingAgainGetsASignInLinkBack(_ kind: StoreKind)
        async throws
    {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let outcome = try await site.store.requestSignup(email: Self.reader)
            _ = try await site.store.confirmMember(id: outcome.memberID)
            // The signup window (no second signup email within minutes) has passed.
            site.clock.advance(by: 3600)
            let answer = try await client.memberPost("/subscribe", [("email", Self.reader), ("return_to", Self.story)])
            #expect(answer.status == .ok)
            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let link = try Self.link(in: mail, path: "/members/auth")
            #expect(Self.returnTo(of: link) == Self.story)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/auth"))
            let signedIn = try await client.memberPost("/members/auth", [("token", token), ("return_to", Self.story)])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == Self.story)
            #expect(signedIn.memberCookie != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func signingInLandsOnTheArticle(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            let outcome = try await site.store.requestSignup(email: Self.reader)
            _ = try await site.store.confirmMember(id: outcome.memberID)

            let form = try await client.get("/members/signin?return_to=%2Fsome-slug%2F")
            #expect(form.status == .ok)
            #expect(form.text.contains("Sign in to keep reading"))
            #expect(form.text.contains(Self.hiddenReturnField(Self.story)))
            // Without it the form is today's.
            let plain = try await client.get("/members/signin")
            #expect(!plain.text.contains("return_to"))
            #expect(!plain.text.contains("Sign in to keep reading"))

            _ = try await client.memberPost("/members/signin", [("email", Self.reader), ("return_to", Self.story)])
            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let link = try Self.link(in: mail, path: "/members/auth")
            #expect(Self.returnTo(of: link) == Self.story)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/auth"))
            let page = try await client.get(link)
            #expect(page.text.contains(Self.hiddenReturnField(Self.story)))

            let signedIn = try await client.memberPost("/members/auth", [("token", token), ("return_to", Self.story)])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == Self.story)
            #expect(signedIn.memberCookie != nil)
        }
    }

    /// `//evil.example` in the signup form, the sign-in address, the link or the final POST:
    /// nothing carries it, and the reader ends on the account page as before.
    @Test(arguments: StoreKind.allCases) func aForgedReturnPathEndsOnTheAccountPage(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { site, client, _, smtp in
            // In the signup form: the link carries nothing, nor does its page.
            _ = try await client.memberPost("/subscribe", [("email", Self.reader), ("return_to", Self.evil)])
            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let link = try Self.link(in: mail, path: "/members/confirm")
            #expect(!link.contains("return_to"))
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/confirm"))
            #expect(!(try await client.get(link).text.contains("return_to")))
            // In a link edited by hand: its page drops it.
            let edited = try await client.get("/members/confirm?token=\(token)&return_to=%2F%2Fevil.example")
            #expect(edited.status == .ok)
            #expect(!edited.text.contains("return_to"))
            #expect(!edited.text.contains("evil"))
            // In the final POST.
            let confirmed = try await client.memberPost(
                "/members/confirm", [("token", token), ("return_to", Self.evil)])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/members/account")
            #expect(confirmed.memberCookie != nil)

            // In the sign-in address and form.
            let form = try await client.get("/members/signin?return_to=%2F%2Fevil.example")
            #expect(form.status == .ok)
            #expect(!form.text.contains("return_to"))
            #expect(!form.text.contains("evil"))
            _ = try await client.memberPost("/members/signin", [("email", Self.reader), ("return_to", Self.evil)])
            let mails = try await MemberTestMail.waitForMails(2, to: Self.reader, on: smtp)
            let signInMail = try #require(mails.last)
            let signInLink = try Self.link(in: signInMail, path: "/members/auth")
            #expect(!signInLink.contains("return_to"))
            let signInToken = try #require(MemberTestMail.token(in: signInMail, path: "/members/auth"))

            // A good path in the link, swapped for other tricks in the POST.
            _ = try await client.memberPost("/members/signin", [("email", Self.reader), ("return_to", Self.story)])
            let third = try #require(try await MemberTestMail.waitForMails(3, to: Self.reader, on: smtp).last)
            let goodLink = try Self.link(in: third, path: "/members/auth")
            #expect(Self.returnTo(of: goodLink) == Self.story)
            let goodToken = try #require(MemberTestMail.token(in: third, path: "/members/auth"))

            for (token, trick) in [(signInToken, Self.evil), (goodToken, "https://evil.example/")] {
                let signedIn = try await client.memberPost("/members/auth", [("token", token), ("return_to", trick)])
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/members/account", "\(trick)")
                #expect(signedIn.memberCookie != nil)
            }
        }
    }

    /// A bad address keeps the path on the 422 form, so the reader's second try still returns.
    @Test(arguments: StoreKind.allCases) func theFormShownAgainKeepsTheReturnPath(_ kind: StoreKind) async throws {
        try await MemberSignupHTTPTests.withSite(kind) { _, client, _, _ in
            for action in ["/subscribe", "/members/signin"] {
                let answer = try await client.memberPost(
                    action, [("email", "not an address"), ("return_to", Self.story)])
                #expect(answer.status == .unprocessableContent, "\(action)")
                #expect(answer.text.contains(Self.hiddenReturnField(Self.story)), "\(action)")
            }
        }
    }
}
