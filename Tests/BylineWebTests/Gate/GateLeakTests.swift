import BylineCore
import BylineMail
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// A canary sentence in the gated part of a members-only post must never reach a reader the
/// gate keeps out, by any channel: the article page (its body, its head's description,
/// Open Graph and JSON-LD), listings, RSS and JSON Feed, the page cache shared between
/// readers, the Admin API, and the newsletter. Each test also holds the positive control:
/// the canary does reach the readers who are entitled (a member's page and feeds, staff, the
/// newsletter to members), so a channel that shows no text at all cannot pass.
@Suite struct GateLeakTests {
    static let canary = "Canary sentence: the harbour ferries will run on a secret timetable from March."
    static let paidCanary = "Paid canary: the council quietly sold the old tram depot."
    static let lead = "The harbour authority met on Tuesday to review the winter ferry service."

    /// Five paragraphs; the canary is the fifth, past the default three-paragraph preview.
    static let gatedMarkdown = """
        \(lead)

        Passengers have complained about delays since the autumn storms.

        The authority's chair said the review would take a month.

        Unions asked to be consulted on any change to crew rotas.

        \(canary)
        """

    /// A site with a members-only post, a paid post and a public post, and one confirmed
    /// member with a session: returns the member's cookie value.
    static func gatedSite(_ kind: StoreKind) async throws -> (TestSite, memberID: Int64, cookie: String) {
        let site = try await TestSite.open(kind)
        let published = site.clock.now().addingTimeInterval(-3600)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Harbour ferry review", authorName: "Mara Ellison", markdown: gatedMarkdown,
                tagNames: ["Transport"], publishedAt: published, visibility: .members))
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Tram depot sale", authorName: "Mara Ellison",
                markdown: "The council met.\n\nIt voted.\n\nIt adjourned.\n\nIt met again.\n\n\(paidCanary)",
                tagNames: ["Transport"], publishedAt: published.addingTimeInterval(-60), visibility: .paid))
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Open bridge story", authorName: "Tomasz Okafor", markdown: "The bridge reopened today.",
                tagNames: ["Transport"], publishedAt: published.addingTimeInterval(-120)))
        let (memberID, cookie) = try await member(site, email: "reader@example.com")
        return (site, memberID, cookie)
    }

    /// A confirmed member with a signed-in session, as the emailed sign-in link makes one.
    static func member(_ site: TestSite, email: String) async throws -> (Int64, String) {
        let (id, cookie, _) = try await memberWithCSRF(site, email: email)
        return (id, cookie)
    }

    /// ``member(_:email:)`` with the session's CSRF token, for the member's own forms.
    static func memberWithCSRF(_ site: TestSite, email: String) async throws -> (Int64, String, String) {
        let newsletters = try await site.store.ensureDefaultNewsletter(name: "Daily Briefing")
        let outcome = try await site.store.requestSignup(email: email, newsletterIDs: newsletters.map(\.id))
        let member = try await site.store.confirmMember(id: outcome.memberID)
        let cookie = SecretToken.make()
        let csrf = SecretToken.make()
        try await site.store.createMemberSession(
            tokenHash: SecretToken.hash(cookie), memberID: member.id, csrfToken: csrf,
            expiresAt: site.clock.now().addingTimeInterval(90 * 86_400))
        return (member.id, cookie, csrf)
    }

    /// The members-only post, as stored.
    static func gatedPost(_ site: TestSite) async throws -> Post {
        guard case .found(let post) = try await site.store.publicPost(slug: "harbour-ferry-review") else {
            throw StoreError.notFound("harbour-ferry-review")
        }
        return post
    }

    static func memberHeaders(_ cookie: String) -> HTTPFields {
        [.cookie: "\(SessionCookie.memberName)=\(cookie)"]
    }

    static func serve(
        _ site: TestSite, _ body: @Sendable (any TestClientProtocol, SiteServer) async throws -> Void
    ) async throws {
        let mailer = MemberMailer(transport: .log, from: try MailAddress("noreply@news.example"))
        try await site.serveWithServer(memberMailer: mailer) { client, server in try await body(client, server) }
    }

    @Test(arguments: StoreKind.allCases) func anonymousReadersGetThePreviewAndTheGateOnEveryChannel(
        _ kind: StoreKind
    ) async throws {
        let (site, _, _) = try await Self.gatedSite(kind)
        try await Self.serve(site) { client, _ in
            let page = try await client.get("/harbour-ferry-review/")
            #expect(page.status == .ok)
            #expect(page.text.contains(Self.lead), "the preview is there")
            #expect(page.text.contains("class=\"gate"), "and the gate after it")
            #expect(page.text.contains("Subscribe now to keep reading and get access to the full archive."))
            #expect(!page.text.contains("secret timetable"), "not in the body, the head, Open Graph or JSON-LD")
            #expect(!page.text.contains("Unions asked"), "the fourth paragraph is past the preview too")
            #expect(page.text.contains("\"isAccessibleForFree\":false"))
            #expect(page.text.contains("\"cssSelector\":\".gated-content\""))
            #expect(!page.text.contains("subscribe-overlay"), "the overlay belongs to public articles")

            let paid = try await client.get("/tram-depot-sale/")
            #expect(paid.text.contains("class=\"gate") && !paid.text.contains("tram depot"))

            for path in [
                "/", "/tag/transport/", "/author/mara-ellison/", "/rss/", "/feed.json", "/tag/transport/rss/",
                "/author/mara-ellison/rss/",
            ] {
                let listing = try await client.get(path)
                #expect(listing.status == .ok, "\(path)")
                #expect(listing.text.contains("Harbour ferry review"), "\(path) lists the post")
                #expect(!listing.text.contains("secret timetable"), "\(path)")
                #expect(!listing.text.contains("tram depot"), "\(path)")
            }
            #expect(try await client.get("/").text.contains("card-gate\">Members<"))
            #expect(try await client.get("/rss/").text.contains("The rest of this article is for subscribers"))

            // The Admin API is for staff: a reader without a staff session gets nothing.
            let id = try await Self.gatedPost(site).id
            let api = try await client.get("/api/admin/posts/\(id)")
            #expect(api.status == .unauthorized && !api.text.contains("secret timetable"))

            // A made-up or expired member cookie is nobody.
            let forged = try await client.get("/harbour-ferry-review/", headers: Self.memberHeaders("made-up"))
            #expect(forged.text.contains("class=\"gate") && !forged.text.contains("secret timetable"))
        }
    }

    @Test(arguments: StoreKind.allCases) func entitledReadersGetTheFullTextOnEveryChannel(_ kind: StoreKind)
        async throws
    {
        let (site, _, cookie) = try await Self.gatedSite(kind)
        let staff = try await site.signedIn(.editor)
        let token = try await site.apiToken(for: staff.user)
        try await Self.serve(site) { client, _ in
            let member = Self.memberHeaders(cookie)
            let page = try await client.get("/harbour-ferry-review/", headers: member)
            #expect(page.status == .ok)
            #expect(page.text.contains(Self.canary), "the member's page has the whole body")
            #expect(!page.text.contains("class=\"gate"))
            #expect(page.text.contains("post-body gated-content"), "JSON-LD's hasPart names the gated body")
            #expect(page.headers[.cacheControl] == "private, no-cache")
            #expect(page.text.contains("href=\"/members/account\">Your account</a>"))
            #expect(try await client.get("/tram-depot-sale/", headers: member).text.contains(Self.paidCanary))
            // Feeds read with a member session: the members' own way to full text by URL.
            for path in ["/rss/", "/feed.json", "/tag/transport/rss/", "/author/mara-ellison/rss/"] {
                #expect(try await client.get(path, headers: member).text.contains("secret timetable"), "\(path)")
            }
            // Staff read everything, in the site and through the Admin API.
            let staffPage = try await client.get("/harbour-ferry-review/", headers: staff.headers())
            #expect(staffPage.text.contains(Self.canary))
            let id = try await Self.gatedPost(site).id
            let api = try await client.get("/api/admin/posts/\(id)", headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok && api.text.contains("secret timetable"))
        }
    }

    /// The page cache keeps one copy per audience: whichever reader comes first, the other never
    /// gets their copy.
    @Test(arguments: StoreKind.allCases) func theCacheNeverServesOneAudiencesPageToTheOther(_ kind: StoreKind)
        async throws
    {
        let (site, _, cookie) = try await Self.gatedSite(kind)
        try await Self.serve(site) { client, server in
            let member = Self.memberHeaders(cookie)
            for path in ["/harbour-ferry-review/", "/rss/"] {
                // Member first, twice (the second from the cache), then anonymous twice.
                for _ in 0..<2 {
                    #expect(try await client.get(path, headers: member).text.contains("secret timetable"))
                }
                for _ in 0..<2 { #expect(!(try await client.get(path).text.contains("secret timetable"))) }
            }
            for path in ["/tram-depot-sale/", "/feed.json"] {
                // Anonymous first this time.
                for _ in 0..<2 { #expect(!(try await client.get(path).text.contains("tram depot"))) }
                for _ in 0..<2 { #expect(try await client.get(path, headers: member).text.contains("tram depot")) }
            }
            let statistics = try #require(server.cache?.statistics)
            #expect(statistics.hits >= 8, "both audiences' second reads came from the cache")
        }
    }

    /// Access follows the membership: a member who deletes their account, or whom staff
    /// remove, reads as anonymous on the very next request (also where their page was cached,
    /// and where the node held their session in memory); a deletion by another node or process
    /// reaches this one through the change log. Unsubscribing from every newsletter keeps
    /// access: membership is what the gate asks for.
    @Test(arguments: StoreKind.allCases) func entitlementFollowsTheMembership(_ kind: StoreKind) async throws {
        let (site, memberID, cookie) = try await Self.gatedSite(kind)
        let (_, second, secondCSRF) = try await Self.memberWithCSRF(site, email: "second@example.com")
        let (thirdID, third) = try await Self.member(site, email: "third@example.com")
        let admin = try await site.signedIn(.administrator)
        try await Self.serve(site) { client, _ in
            let path = "/harbour-ferry-review/"
            func reads(_ cookie: String) async throws -> Bool {
                try await client.get(path, headers: Self.memberHeaders(cookie)).text.contains(Self.canary)
            }
            for reader in [cookie, second, third] { #expect(try await reads(reader), "members read in full") }

            try await site.store.unsubscribe(memberID: memberID, newsletterID: nil)
            #expect(try await reads(cookie), "no newsletter, still a member")

            // Staff remove the first member in the admin.
            let removed = try await client.postForm(
                "/admin/members/\(memberID)/delete", [("_csrf", admin.csrfToken)], headers: admin.headers(form: true))
            #expect(removed.status == .seeOther)
            #expect(try await site.store.member(id: memberID) == nil)
            let after = try await client.get(path, headers: Self.memberHeaders(cookie))
            #expect(!after.text.contains(Self.canary) && after.text.contains("class=\"gate"))

            // The second deletes their own account.
            var headers = Self.memberHeaders(second)
            headers[HTTPField.Name("Origin")!] = "https://news.example"
            let deleted = try await client.postForm(
                "/members/delete", [("_csrf", secondCSRF), ("confirm", "yes")], headers: headers)
            #expect(deleted.status == .ok)
            #expect(!(try await reads(second)))

            // The third is deleted by another process: the change log tells this node.
            try await site.otherProcessStore().deleteMember(id: thirdID)
            let deadline = Date().addingTimeInterval(6)
            var stillReads = try await reads(third)
            while stillReads, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
                stillReads = try await reads(third)
            }
            #expect(!stillReads)
        }
    }

    /// The newsletter goes through the gate like the site: members get the whole post; a
    /// recipient the gate kept out would get the preview and a link.
    @Test(arguments: StoreKind.allCases) func theNewsletterCarriesTheFullTextToMembersOnly(_ kind: StoreKind)
        async throws
    {
        let (site, _, _) = try await Self.gatedSite(kind)
        let post = try await Self.gatedPost(site)
        let starter = NewsletterSendStarter(store: site.store, publicURL: "https://news.example")
        let toMembers = try await starter.render(post, newsletterName: "Daily Briefing")
        #expect(toMembers.html.contains("secret timetable") && toMembers.text.contains("secret timetable"))
        let toAnyone = try await starter.render(post, newsletterName: "Daily Briefing", audience: .anonymous)
        #expect(!toAnyone.html.contains("secret timetable") && !toAnyone.text.contains("secret timetable"))
        #expect(toAnyone.html.contains(Self.lead), "the preview is there")
        #expect(toAnyone.text.contains("https://news.example/harbour-ferry-review/"))
        // What a send stores, and every member's copy is made from, is the members' rendering.
        let newsletter = try #require(try await site.store.ensureDefaultNewsletter(name: "Daily Briefing").first)
        let started = try await starter.start(postID: post.id, newsletterID: newsletter.id)
        #expect(started.send.html.contains("secret timetable"))
        #expect(started.enqueued == 1)
        await site.temp.close()
    }

    /// The archive rule: a public post older than the setting's days is for members, by the
    /// clock alone; a cached copy from before is not served past that moment.
    @Test(arguments: StoreKind.allCases) func theArchiveRuleMovesOlderPostsBehindTheGate(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let sentence = "Archive canary: the lighthouse keeper's logbook was found in 1911."
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Lighthouse logbook", authorName: "Mara Ellison",
                markdown: "One.\n\nTwo.\n\nThree.\n\n\(sentence)",
                publishedAt: site.clock.now().addingTimeInterval(-10 * 86_400)))
        var settings = try await site.store.settings()
        settings.gate.archiveAfterDays = 30
        try await site.store.saveSettings(settings)
        let (_, cookie) = try await Self.member(site, email: "keeper@example.com")
        try await Self.serve(site) { client, _ in
            let path = "/lighthouse-logbook/"
            // Ten days old: public, in full, with the overlay; cached now.
            for _ in 0..<2 {
                let page = try await client.get(path)
                #expect(page.text.contains(sentence) && page.text.contains("\"isAccessibleForFree\":true"))
                #expect(page.text.contains("subscribe-overlay"))
            }
            #expect(try await client.get("/rss/").text.contains(sentence))
            // Twenty-one days later it is 31 days old: behind the gate for anonymous readers.
            site.clock.advance(by: 21 * 86_400)
            let gated = try await client.get(path)
            #expect(!gated.text.contains(sentence) && gated.text.contains("class=\"gate"))
            #expect(!(try await client.get("/rss/").text.contains(sentence)))
            #expect(try await client.get("/").text.contains("card-gate\">Members<"))
            #expect(try await client.get(path, headers: Self.memberHeaders(cookie)).text.contains(sentence))

            // Turning the rule off (a settings save drops every cached page) opens it again.
            var open = try await site.store.settings()
            open.gate.archiveAfterDays = nil
            try await site.store.saveSettings(open)
            let reopened = try await client.poll(path) { $0.text.contains(sentence) }
            #expect(reopened.text.contains(sentence))
        }
    }

    /// Short posts and posts that open with an image: the preview never holds the whole text
    /// (the last block of text is held back), and no excerpt, description or card gives away
    /// text past it.
    @Test(arguments: StoreKind.allCases) func shortPostsAndImageLeadsKeepTheirGatedText(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let published = site.clock.now().addingTimeInterval(-3600)
        let bodies: [(String, String)] = [
            ("Two paragraph brief", "The brief opens here.\n\nSecret brief ending about the ferry."),
            ("One list story", "- Secret item one about the ferry\n- Secret item two"),
            ("Lead photo story", "![Harbour](/harbour.jpg)\n\n<!--more-->\n\nSecret paragraph about the ferry."),
            ("Photo then text", "![Harbour](/harbour.jpg)\n\nSecret only paragraph about the ferry."),
        ]
        for (title, markdown) in bodies {
            _ = try await site.store.upsertPost(
                matchingTitle: PostInput(
                    title: title, authorName: "Mara Ellison", markdown: markdown, tagNames: ["Briefs"],
                    publishedAt: published, visibility: .members))
        }
        let (_, cookie) = try await Self.member(site, email: "briefs@example.com")
        try await Self.serve(site) { client, _ in
            for path in [
                "/two-paragraph-brief/", "/one-list-story/", "/lead-photo-story/", "/photo-then-text/", "/",
                "/tag/briefs/", "/rss/", "/feed.json",
            ] {
                let text = try await client.get(path).text
                #expect(!text.contains("Secret"), "\(path) gives gated text away")
            }
            let brief = try await client.get("/two-paragraph-brief/").text
            #expect(brief.contains("The brief opens here.") && brief.contains("class=\"gate"))
            #expect(try await client.get("/lead-photo-story/").text.contains("/harbour.jpg"), "the photo is free")
            // Positive control: members read them all.
            for path in ["/two-paragraph-brief/", "/one-list-story/", "/lead-photo-story/", "/photo-then-text/"] {
                #expect(try await client.get(path, headers: Self.memberHeaders(cookie)).text.contains("Secret"))
            }
        }
    }

    /// The preview's length is a setting: whole paragraphs, as many as it says.
    @Test func thePreviewLengthFollowsTheSetting() async throws {
        let (site, _, _) = try await Self.gatedSite(.sqlite)
        var settings = try await site.store.settings()
        settings.gate.previewBlocks = 1
        settings.gate.overlayEnabled = false
        try await site.store.saveSettings(settings)
        try await Self.serve(site) { client, _ in
            let page = try await client.get("/harbour-ferry-review/")
            #expect(page.text.contains(Self.lead))
            #expect(!page.text.contains("Passengers have complained"))
            #expect(!(try await client.get("/open-bridge-story/").text.contains("subscribe-overlay")), "overlay off")
        }
    }
}
