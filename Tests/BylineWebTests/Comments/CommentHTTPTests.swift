import BylineCore
import BylineMail
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// Comments through the real HTTP server: posting as a member, what each audience's cached
/// article shows, every refusal's status, and that nothing a reader types becomes markup.
@Suite struct CommentHTTPTests {
    static let articlePath = "/harbour-reopens/"

    /// A site with one public article and a confirmed, signed-in member; first comments are not
    /// held unless `holdFirst`.
    static func site(_ kind: StoreKind, holdFirst: Bool = false) async throws -> (TestSite, Int64, String) {
        let site = try await articleSite(kind, holdFirst: holdFirst)
        let (memberID, cookie) = try await GateLeakTests.member(site, email: "reader@example.com")
        _ = try await site.store.updateMember(id: memberID, name: "Ada Reader")
        return (site, memberID, cookie)
    }

    /// ``site(_:holdFirst:)`` with the member's CSRF token too, for the forms of their own pages.
    static func siteWithCSRF(_ kind: StoreKind) async throws -> (TestSite, Int64, String, String) {
        let site = try await articleSite(kind, holdFirst: false)
        let (memberID, cookie, csrf) = try await GateLeakTests.memberWithCSRF(site, email: "reader@example.com")
        _ = try await site.store.updateMember(id: memberID, name: "Ada Reader")
        return (site, memberID, cookie, csrf)
    }

    /// A site with one public article, "Harbour reopens".
    static func articleSite(_ kind: StoreKind, holdFirst: Bool) async throws -> TestSite {
        let site = try await TestSite.open(kind)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Harbour reopens", authorName: "Mara Ellison", markdown: "The harbour reopened today.",
                tagNames: ["Ports"], publishedAt: site.clock.now().addingTimeInterval(-60)))
        var settings = try await site.store.settings()
        settings.comments.holdFirstComment = holdFirst
        try await site.store.saveSettings(settings)
        return site
    }

    static func postID(_ site: TestSite) async throws -> Int64 {
        guard case .found(let post) = try await site.store.publicPost(slug: "harbour-reopens") else {
            throw StoreError.notFound("harbour-reopens")
        }
        return post.id
    }

    static func mailer() throws -> MemberMailer {
        MemberMailer(transport: .log, from: try MailAddress("noreply@news.example"))
    }

    static func memberHeaders(_ cookie: String) -> HTTPFields {
        [.cookie: "\(SessionCookie.memberName)=\(cookie)"]
    }

    /// Only the comments section of an article page.
    static func section(_ html: String) -> String {
        guard let start = html.range(of: "<section id=\"comments\"") else { return "" }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</section>") else { return String(rest) }
        return String(rest[..<end.upperBound])
    }

    @Test(arguments: StoreKind.allCases) func aMembersCommentAppearsOnBothAudiencesCachedPages(kind: StoreKind)
        async throws
    {
        let (site, _, cookie) = try await Self.site(kind)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            // Both copies cached before the comment.
            let anonymousBefore = try await client.get(Self.articlePath)
            let memberBefore = try await client.get(Self.articlePath, headers: Self.memberHeaders(cookie))
            #expect(anonymousBefore.text.contains("Sign in to comment"))
            #expect(
                anonymousBefore.text.contains(
                    "/members/signin?return_to=%2Fharbour-reopens%2F%23comments"))
            #expect(!anonymousBefore.text.contains("action=\"/comments\""))
            #expect(memberBefore.text.contains("action=\"/comments\""))

            let posted = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Good news for the fishermen.")], cookie: cookie)
            #expect(posted.status == .seeOther)
            let location = posted.headers[.location] ?? ""
            #expect(location.hasPrefix(Self.articlePath + "#comment-"))

            let anonymous = try await client.get(Self.articlePath)
            let member = try await client.get(Self.articlePath, headers: Self.memberHeaders(cookie))
            for page in [anonymous, member] {
                #expect(Self.section(page.text).contains("Good news for the fishermen."))
                #expect(Self.section(page.text).contains("Ada Reader"))
                #expect(page.text.contains("id=\"\(location.dropFirst(Self.articlePath.count + 1))\""))
            }
            // The anonymous copy never has the form; the members' copy has nothing of one member.
            #expect(!anonymous.text.contains("action=\"/comments\""))
            #expect(!member.text.contains(cookie))
            #expect(!member.text.contains("reader@example.com"))
            #expect(!member.text.contains("_csrf"))
            // The home page's card shows the count.
            let home = try await client.get("/")
            #expect(home.text.contains("1 comment"))
            #expect(home.text.contains(Self.articlePath + "#comments"))
        }
    }

    @Test(arguments: StoreKind.allCases) func readerTextIsRenderedInert(kind: StoreKind) async throws {
        let (site, _, cookie) = try await Self.site(kind)
        let postID = try await Self.postID(site)
        let attacks = [
            "<script>alert('owned')</script>",
            "javascript:alert(1) JaVaScRiPt:alert(2) &#106;avascript:alert(3) java\u{200B}script:alert(4)",
            "https://evil.example/\"onmouseover=\"alert(5) and https://evil.example/'><img src=x onerror=alert(6)>",
            "<img src=x onerror=alert(7)> <a href=\"javascript:alert(8)\">x</a>",
            "abc\u{202E}gnp.exe and \u{2066}isolate\u{2069}",
            "A real link: https://example.org/report?id=1&part=2.",
        ]
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            for attack in attacks {
                let posted = try await client.memberPost(
                    "/comments", [("post_id", "\(postID)"), ("body", attack)], cookie: cookie)
                #expect(posted.status == .seeOther)
                site.clock.advance(by: 121)
            }
            let html = Self.section(try await client.get(Self.articlePath).text)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.lowercased().contains("href=\"javascript"))
            #expect(!html.contains("\"onmouseover"))
            #expect(!html.contains("onerror=alert(7)>"))
            #expect(!html.contains("\u{202E}"))
            #expect(!html.contains("\u{200B}"))
            #expect(html.contains("&lt;script&gt;"))
            #expect(html.contains("gnp.exe"))
            // Every link on the section is one of ours, to http(s), nofollow.
            let links = html.components(separatedBy: "<a ").dropFirst()
            for link in links where !link.hasPrefix("class=\"comment-date\"") && !link.hasPrefix("href=\"/members") {
                #expect(link.hasPrefix("href=\"https://"), "\(link.prefix(80))")
                #expect(link.contains("rel=\"nofollow ugc noopener\""))
            }
            // The positive control: a normal https address is a link.
            #expect(
                html.contains(
                    "<a href=\"https://example.org/report?id=1&amp;part=2\" rel=\"nofollow ugc noopener\">"))
        }
    }

    @Test(arguments: StoreKind.allCases) func refusalsAnswerWithTheirStatus(kind: StoreKind) async throws {
        let (site, memberID, cookie) = try await Self.site(kind)
        let postID = try await Self.postID(site)
        let draft = try await site.store.upsertPost(
            matchingTitle: PostInput(title: "Draft", authorName: "Mara Ellison", markdown: "x", status: .draft))
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            let empty = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", " \u{200B} ")], cookie: cookie)
            #expect(empty.status == .unprocessableContent)
            let links = (1...4).map { "https://l\($0).example" }.joined(separator: " ")
            let tooManyLinks = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", links)], cookie: cookie)
            #expect(tooManyLinks.status == .unprocessableContent)
            #expect(tooManyLinks.text.contains("too many links"))
            let missing = try await client.memberPost(
                "/comments", [("post_id", "\(draft.id)"), ("body", "Hello")], cookie: cookie)
            #expect(missing.status == .notFound)
            // A foreign page's form.
            let foreign = try await client.postForm(
                "/comments", [("post_id", "\(postID)"), ("body", "Hello")],
                headers: [
                    HTTPField.Name("Origin")!: "https://evil.example",
                    .cookie: "\(SessionCookie.memberName)=\(cookie)",
                ])
            #expect(foreign.status == .forbidden)
            // Signed out: to the sign-in page, back to the comments afterwards.
            let signedOut = try await client.memberPost("/comments", [("post_id", "\(postID)"), ("body", "Hi")])
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers[.location] == "/members/signin?return_to=%2Fharbour-reopens%2F%23comments")
            // The honeypot: answered as a success, nothing stored.
            let bot = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Buy now"), ("website", "spam.example")],
                cookie: cookie)
            #expect(bot.status == .seeOther)
            #expect(try await site.store.comments(memberID: memberID, postID: postID).isEmpty)
            // The member's rate limit, then a ban.
            for number in 0..<CommentWritePlan.RateLimit.standard.count {
                let ok = try await client.memberPost(
                    "/comments", [("post_id", "\(postID)"), ("body", "Comment \(number)")], cookie: cookie)
                #expect(ok.status == .seeOther)
            }
            let flood = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "One more")], cookie: cookie)
            #expect(flood.status == .tooManyRequests)
            site.clock.advance(by: 601)
            try await site.store.setCommentsBanned(memberID: memberID, true)
            let banned = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Banned")], cookie: cookie)
            #expect(banned.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func aHeldCommentWaitsAndItsAuthorIsTold(kind: StoreKind) async throws {
        let (site, memberID, cookie) = try await Self.site(kind, holdFirst: true)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            let posted = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "My first comment")], cookie: cookie)
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/members/comments/"))
            let own = try await client.get(location, headers: Self.memberHeaders(cookie))
            #expect(own.text.contains(MemberCommentRoutes.awaitingModeration))
            #expect(own.headers[.cacheControl] == "no-store")
            #expect(!(try await client.get(Self.articlePath).text.contains("My first comment")))
            // Another member cannot open it.
            let (_, otherCookie) = try await GateLeakTests.member(site, email: "other@example.com")
            #expect(try await client.get(location, headers: Self.memberHeaders(otherCookie)).status == .notFound)
            // Approved: shown, and the member is trusted from now on.
            let comment = try #require(try await site.store.comments(memberID: memberID, postID: postID).first)
            _ = try await site.store.setCommentStatus(id: comment.id, .published)
            _ = try await client.poll(Self.articlePath) { $0.text.contains("My first comment") }
            #expect(try await client.get(Self.articlePath).text.contains("My first comment"))
            let second = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Second")], cookie: cookie)
            #expect(second.headers[.location]?.hasPrefix(Self.articlePath + "#comment-") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func membersEditAndDeleteTheirOwnWithinTheWindow(kind: StoreKind)
        async throws
    {
        let (site, memberID, cookie, csrf) = try await Self.siteWithCSRF(kind)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            let posted = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Frist")], cookie: cookie)
            #expect(posted.status == .seeOther)
            let comment = try #require(try await site.store.comments(memberID: memberID, postID: postID).first)
            _ = try await client.get(Self.articlePath)
            let mine = try await client.get(
                "/members/comments.json?post=\(postID)", headers: Self.memberHeaders(cookie))
            #expect(mine.text.contains("\"id\":\(comment.id)"))
            #expect(mine.headers[.cacheControl] == "private, no-store")
            // Without the token: refused.
            let forged = try await client.memberPost(
                "/members/comments/\(comment.id)/edit", [("body", "Forged")], cookie: cookie)
            #expect(forged.status == .forbidden)
            let edited = try await client.memberPost(
                "/members/comments/\(comment.id)/edit", [("_csrf", csrf), ("body", "First")], cookie: cookie)
            #expect(edited.status == .seeOther)
            let article = try await client.get(Self.articlePath)
            #expect(article.text.contains("First"))
            #expect(article.text.contains("(edited)"))
            #expect(!article.text.contains("Frist"))
            // After the window: neither edit nor delete.
            site.clock.advance(by: BylineCore.Comment.editWindow + 1)
            let late = try await client.memberPost(
                "/members/comments/\(comment.id)/delete", [("_csrf", csrf)], cookie: cookie)
            #expect(late.status == .forbidden)
            // A fresh one is deleted, and leaves the article.
            let again = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Regret this")], cookie: cookie)
            #expect(again.status == .seeOther)
            #expect(try await client.get(Self.articlePath).text.contains("Regret this"))
            let newest = try #require(try await site.store.comments(memberID: memberID, postID: postID).last)
            let deleted = try await client.memberPost(
                "/members/comments/\(newest.id)/delete", [("_csrf", csrf)], cookie: cookie)
            #expect(deleted.status == .ok)
            #expect(!(try await client.get(Self.articlePath).text.contains("Regret this")))
            // The list of their comments.
            let list = try await client.get("/members/comments", headers: Self.memberHeaders(cookie))
            #expect(list.text.contains("First"))
        }
    }

    @Test(arguments: StoreKind.allCases) func closedCommentsShowNoSection(kind: StoreKind) async throws {
        let (site, _, cookie) = try await Self.site(kind)
        var settings = try await site.store.settings()
        settings.comments.enabled = false
        try await site.store.saveSettings(settings)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            #expect(!(try await client.get(Self.articlePath).text.contains("id=\"comments\"")))
            let posted = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Hello")], cookie: cookie)
            #expect(posted.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func closedCommentsHideTheCardCounts(kind: StoreKind) async throws {
        let (site, memberID, _) = try await Self.site(kind)
        let postID = try await Self.postID(site)
        var settings = try await site.store.settings()
        _ = try await site.store.addComment(
            CommentWritePlan(
                postID: postID, memberID: memberID, parentID: nil, text: "Hello", settings: settings.comments,
                now: site.clock.now()))
        settings.comments.enabled = false
        try await site.store.saveSettings(settings)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            let home = try await client.get("/").text
            #expect(home.contains("Harbour reopens"))
            #expect(!home.contains("1 comment"))
            #expect(!home.contains("#comments"))
        }
    }

    @Test func replyEmailsCarryOneClickUnsubscribeHeaders() throws {
        let reply = BylineCore.Comment(
            id: 7, postID: 1, memberID: 2, parentID: 3, body: "Hi", status: .published, createdAt: Date(),
            editedAt: nil, authorName: "Ada")
        let recipient = Commenter(
            memberID: 4, name: "Bo", email: "bo@example.com", confirmed: true, banned: false, replyEmails: true,
            emailDisabled: false)
        let notice = CommentReplyNotice(reply: reply, postTitle: "T", postSlug: "t", recipient: recipient)
        let key = MemberLinkKey.random()
        let headers = try CommentReplyMailer.headers(notice, publicURL: "https://news.example", linkKey: key)
        let stop = CommentReplyToken.url(origin: "https://news.example", memberID: 4, key: key)
        #expect(headers.map(\.name) == ["List-Unsubscribe", "List-Unsubscribe-Post"])
        #expect(headers.first?.value == "<\(stop)>")
        #expect(headers.last?.value == "List-Unsubscribe=One-Click")
    }

    @Test(arguments: StoreKind.allCases) func refusedPostsDoNotUseUpTheAddressLimit(kind: StoreKind) async throws {
        let (site, _, cookie) = try await Self.site(kind)
        let postID = try await Self.postID(site)
        let links = (1...4).map { "https://l\($0).example" }.joined(separator: " ")
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            for _ in 0...CommentClientLimiter().limit {
                let refused = try await client.memberPost(
                    "/comments", [("post_id", "\(postID)"), ("body", links)], cookie: cookie)
                #expect(refused.status == .unprocessableContent)
            }
            let accepted = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Finally, one link: https://l1.example")],
                cookie: cookie)
            #expect(accepted.status == .seeOther)
        }
    }

    @Test(arguments: StoreKind.allCases) func bannedMembersAndClosedCommentsEditNothing(kind: StoreKind) async throws {
        let (site, memberID, cookie, csrf) = try await Self.siteWithCSRF(kind)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            _ = try await client.memberPost("/comments", [("post_id", "\(postID)"), ("body", "Fine")], cookie: cookie)
            let comment = try #require(try await site.store.comments(memberID: memberID, postID: postID).first)
            let path = "/members/comments/\(comment.id)/edit"
            try await site.store.setCommentsBanned(memberID: memberID, true)
            let banned = try await client.memberPost(path, [("_csrf", csrf), ("body", "Spam")], cookie: cookie)
            #expect(banned.status == .forbidden)
            try await site.store.setCommentsBanned(memberID: memberID, false)
            var closedSettings = try await site.store.settings()
            closedSettings.comments.enabled = false
            try await site.store.saveSettings(closedSettings)
            let closed = try await client.memberPost(path, [("_csrf", csrf), ("body", "Spam")], cookie: cookie)
            #expect(closed.status == .forbidden)
            #expect(try await site.store.comment(id: comment.id)?.body == "Fine")
        }
    }

    @Test(arguments: StoreKind.allCases) func aRenameShowsOnTheCachedArticle(kind: StoreKind) async throws {
        let (site, memberID, cookie, csrf) = try await Self.siteWithCSRF(kind)
        let postID = try await Self.postID(site)
        try await site.serveWithServer(memberMailer: try Self.mailer()) { client, _ in
            _ = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Signed")], cookie: cookie)
            #expect(Self.section(try await client.get(Self.articlePath).text).contains("Ada Reader"))
            // Asked again: now from the cache.
            #expect(Self.section(try await client.get(Self.articlePath).text).contains("Ada Reader"))
            let saved = try await client.memberPost(
                "/members/account", [("_csrf", csrf), ("name", "Ada Lovelace")], cookie: cookie)
            #expect(saved.status == .seeOther)
            let after = Self.section(try await client.get(Self.articlePath).text)
            #expect(after.contains("Ada Lovelace"))
            #expect(!after.contains("Ada Reader"))
        }
    }
}
