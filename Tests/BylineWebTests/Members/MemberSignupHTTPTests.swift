import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// Signup (double opt-in) and passwordless sign-in through the real HTTP server, mailing
/// through a real SMTP server (aiosmtpd), on both stores; expiry by moving the clock.
@Suite struct MemberSignupHTTPTests {
    static let reader = "reader@example.com"

    /// Runs `body` against a site whose member emails go to a fresh aiosmtpd.
    static func withSite(
        _ kind: StoreKind,
        _ body: @Sendable (TestSite, any TestClientProtocol, SiteServer, SMTPTestServer) async throws -> Void
    ) async throws {
        try await SMTPTestServer.with { smtp in
            let site = try await TestSite.open(kind)
            let mailer = try MemberTestMail.mailer(smtp)
            try await site.serveWithServer(memberMailer: mailer) { client, server in
                try await body(site, client, server, smtp)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func signupMailsALinkThatConfirmsAndSignsIn(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let answer = try await client.memberPost("/subscribe", [("email", Self.reader)])
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Check your inbox"))
            let mails = try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.decoded("subject")?.contains("Confirm") == true)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/confirm"))
            #expect(try await site.store.member(email: Self.reader)?.status == .pending)

            // Following the link (as a mail scanner would) uses nothing up: it shows a button.
            let page = try await client.get("/members/confirm?token=\(token)")
            #expect(page.status == .ok)
            #expect(page.text.contains("method=\"post\""))
            #expect(try await site.store.member(email: Self.reader)?.status == .pending)

            let confirmed = try await client.memberPost("/members/confirm", [("token", token)])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/members/account")
            let setCookie = try #require(confirmed.headers[values: .setCookie].first { $0.hasPrefix("byline_member=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.lowercased().contains("samesite=lax"))
            #expect(setCookie.contains("Secure"))
            #expect(try await site.store.member(email: Self.reader)?.status == .confirmed)

            let cookie = try #require(confirmed.memberCookie)
            let account = try await client.get(
                "/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
            #expect(account.status == .ok)
            #expect(account.text.contains(Self.reader))

            // Single use.
            let again = try await client.memberPost("/members/confirm", [("token", token)])
            #expect(again.status == .gone)
            #expect(again.memberCookie == nil)
        }
    }

    /// The subscribe box on the article and home pages: the seed's words, `form.subscribe`
    /// posting `email` to `/subscribe`, a honeypot, and no render-time stamp (the pages are cached).
    @Test(arguments: StoreKind.allCases) func articleAndHomePagesCarryTheSubscribeBox(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let saved = try await site.store.upsertPost(
                matchingTitle: PostInput(title: "Boxed In", authorName: "Ann", markdown: "Body."))
            let title = try await site.store.settings().title
            for path in ["/\(saved.slug)/", "/"] {
                let html = try await client.get(path).text
                #expect(html.contains("<form class=\"subscribe\" method=\"post\" action=\"/subscribe\">"), "\(path)")
                #expect(html.contains("Discover more from \(HTMLEscape.escape(title))"), "\(path)")
                #expect(html.contains("Subscribe to get the latest posts sent to your email."), "\(path)")
                #expect(html.contains("name=\"email\""), "\(path)")
                #expect(html.contains("name=\"website\""), "\(path)")
                #expect(!html.contains("name=\"started\""), "\(path)")
            }
            // What that form sends (no stamp) signs up.
            _ = try await client.memberPost("/subscribe", [("email", Self.reader), ("website", "")])
            #expect(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func signingUpTwiceKeepsOneMemberAndMailsOnce(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let first = try await client.memberPost("/subscribe", [("email", Self.reader)])
            let second = try await client.memberPost("/subscribe", [("email", "  Reader@EXAMPLE.com ")])
            #expect(first.status == .ok)
            #expect(second.status == first.status)
            #expect(second.text == first.text)
            // Somebody who is no member gets the very same page.
            let stranger = try await client.memberPost("/subscribe", [("email", "other@example.com")])
            #expect(stranger.text == first.text)

            _ = try await MemberTestMail.waitForMails(2, to: Self.reader, on: smtp)
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).count == 1)
            let listing = try await site.store.memberListing(
                MemberFilter(search: "reader@"), PageRequest(number: 1, perPage: 10))
            #expect(listing.totalItems == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func invalidAddressIs422NamingEmail(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let answer = try await client.memberPost("/subscribe", [("email", "not an address")])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.text.contains("email:"))
            #expect(try smtp.received().isEmpty)
            #expect(
                try await site.store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 10)).totalItems == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func honeypotAndForeignOriginsMailNothing(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let trapped = try await client.memberPost(
                "/subscribe", [("email", Self.reader), ("website", "spam.example")])
            #expect(trapped.status == .ok)
            #expect(trapped.text.contains("Check your inbox"))

            let foreign = try await client.postForm(
                "/subscribe", [("email", Self.reader)], headers: [HTTPField.Name("Origin")!: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            let crossSite = try await client.postForm(
                "/subscribe", [("email", Self.reader)], headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)

            try await Task.sleep(for: .milliseconds(300))
            #expect(try smtp.received().isEmpty)
            #expect(try await site.store.member(email: Self.reader) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func expiredConfirmationLinkIsRefused(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            _ = try await client.memberPost("/subscribe", [("email", Self.reader)])
            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/confirm"))
            site.clock.advance(by: MemberTokenPurpose.confirmSignup.lifetime + 1)
            let late = try await client.memberPost("/members/confirm", [("token", token)])
            #expect(late.status == .gone)
            #expect(try await site.store.member(email: Self.reader)?.status == .pending)
        }
    }

    @Test(arguments: StoreKind.allCases) func signInLinkWorksOnceAndExpires(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, client, _, smtp in
            let outcome = try await site.store.requestSignup(email: Self.reader)
            _ = try await site.store.confirmMember(id: outcome.memberID)

            let form = try await client.get("/members/signin")
            #expect(form.status == .ok)
            let asked = try await client.memberPost("/members/signin", [("email", Self.reader)])
            #expect(asked.status == .ok)
            // An address that is no member: the same page, and no email.
            let unknown = try await client.memberPost("/members/signin", [("email", "nobody@example.com")])
            #expect(unknown.text == asked.text)

            let mail = try #require(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).first)
            let token = try #require(MemberTestMail.token(in: mail, path: "/members/auth"))
            #expect(try await client.get("/members/auth?token=\(token)").status == .ok)
            let signedIn = try await client.memberPost("/members/auth", [("token", token)])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/members/account")
            let cookie = try #require(signedIn.memberCookie)
            #expect(try await client.memberPost("/members/auth", [("token", token)]).status == .gone)

            // A second link, used after its 15 minutes.
            _ = try await client.memberPost("/members/signin", [("email", Self.reader)])
            let mails = try await MemberTestMail.waitForMails(2, to: Self.reader, on: smtp)
            let lastMail = try #require(mails.last)
            let late = try #require(MemberTestMail.token(in: lastMail, path: "/members/auth"))
            site.clock.advance(by: MemberTokenPurpose.signIn.lifetime + 1)
            #expect(try await client.memberPost("/members/auth", [("token", late)]).status == .gone)
            #expect(try MemberTestMail.mails(to: "nobody@example.com", on: smtp).isEmpty)

            // Sign-out ends the session.
            let out = try await client.memberPost("/members/signout", [], cookie: cookie)
            #expect(out.status == .seeOther)
            let account = try await client.get(
                "/members/account", headers: [.cookie: "\(SessionCookie.memberName)=\(cookie)"])
            #expect(account.status == .seeOther)
        }
    }

    /// The sign-in form carries a signed stamp of when it was shown: posted within 2 s, or with a
    /// made-up stamp, it mails nothing (and says the same); posted later, it mails.
    @Test(arguments: StoreKind.allCases) func formsPostedTooSoonOrWithAForgedStampMailNothing(_ kind: StoreKind)
        async throws
    {
        try await Self.withSite(kind) { site, client, _, smtp in
            let outcome = try await site.store.requestSignup(email: Self.reader)
            _ = try await site.store.confirmMember(id: outcome.memberID)
            let form = try await client.get("/members/signin").text
            let marker = "name=\"started\" value=\""
            let start = try #require(form.range(of: marker))
            let stamp = String(form[start.upperBound...].prefix { $0 != "\"" })
            #expect(!stamp.isEmpty)

            let tooSoon = try await client.memberPost("/members/signin", [("email", Self.reader), ("started", stamp)])
            #expect(tooSoon.status == .ok)
            let forged = try await client.memberPost(
                "/members/signin", [("email", Self.reader), ("started", "1.0123456789abcdef")])
            #expect(forged.text == tooSoon.text)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try MemberTestMail.mails(to: Self.reader, on: smtp).isEmpty)

            site.clock.advance(by: 3)
            let later = try await client.memberPost("/members/signin", [("email", Self.reader), ("started", stamp)])
            #expect(later.text == tooSoon.text)
            #expect(try await MemberTestMail.waitForMails(1, to: Self.reader, on: smtp).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func accountPageNeedsASession(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { _, client, _, _ in
            let page = try await client.get("/members/account")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/members/signin")
            let forged = try await client.get("/members/account", headers: [.cookie: "byline_member=made-up"])
            #expect(forged.status == .seeOther)
        }
    }

    /// A signed-in member's page views get and fill the members' copy in the page cache, never
    /// the anonymous one (``PageCache/key(_:for:)``), marked `private`; a cookie that names no
    /// session reads as anonymous and shares the anonymous copy.
    @Test(arguments: StoreKind.allCases) func memberReadsUseTheMembersCopyOfTheCache(_ kind: StoreKind)
        async throws
    {
        try await Self.withSite(kind) { site, client, server, _ in
            let saved = try await site.store.upsertPost(
                matchingTitle: PostInput(title: "Cache Me", authorName: "Ann", markdown: "Body."))
            let cache = try #require(server.cache)
            // Let the change watcher (50 ms) apply the write first, so its flush cannot land
            // mid-test: once an anonymous read stays cached, it has.
            let settled = Date().addingTimeInterval(10)
            while Date() < settled {
                _ = try await client.get("/\(saved.slug)/")
                try await Task.sleep(for: .milliseconds(200))
                if cache.statistics.entries == 1 { break }
            }
            cache.removeAll()
            let path = "/\(saved.slug)/"
            let (_, token) = try await GateLeakTests.member(site, email: "cached@example.com")
            let member: HTTPFields = [.cookie: "\(SessionCookie.memberName)=\(token)"]
            let memberPage = try await client.get(path, headers: member)
            #expect(memberPage.status == .ok)
            #expect(memberPage.headers[.cacheControl] == "private, no-cache")
            #expect(memberPage.text.contains("Your account"))
            #expect(cache.statistics.entries == 1)

            let anonymous = try await client.get(path)
            #expect(anonymous.headers[.cacheControl] == "no-cache")
            #expect(!anonymous.text.contains("Your account"))
            #expect(cache.statistics.entries == 2, "one copy per audience")
            let hits = cache.statistics.hits
            let again = try await client.get(path, headers: member)
            #expect(again.headers[.cacheControl] == "private, no-cache" && again.text.contains("Your account"))
            #expect(cache.statistics.hits == hits + 1)
            let forged: HTTPFields = [.cookie: "\(SessionCookie.memberName)=any-token"]
            let nobody = try await client.get(path, headers: forged)
            #expect(nobody.headers[.cacheControl] == "no-cache" && !nobody.text.contains("Your account"))
            #expect(cache.statistics.hits == hits + 2 && cache.statistics.entries == 2)
        }
    }
}
