import BylineCore
import BylineMail
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BylineWeb

/// Moderation in the newsroom (with its CSRF token and permissions), the comment settings, and
/// the reply email sent once through a real job run and a real SMTP server.
@Suite struct CommentModerationHTTPTests {
    static func staffForm(_ staff: SignedInStaff, _ fields: [(String, String)]) -> [(String, String)] {
        [("_csrf", staff.csrfToken)] + fields
    }

    @Test(arguments: StoreKind.allCases) func editorsApproveHideDeleteAndAdministratorsBan(kind: StoreKind)
        async throws
    {
        let (site, memberID, cookie) = try await CommentHTTPTests.site(kind, holdFirst: true)
        let postID = try await CommentHTTPTests.postID(site)
        let editor = try await site.signedIn(.editor)
        let admin = try await site.signedIn(.administrator)
        let author = try await site.signedIn(.author)
        try await site.serveWithServer(memberMailer: try CommentHTTPTests.mailer()) { client, _ in
            _ = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Held for review")], cookie: cookie)
            let held = try #require(try await site.store.comments(memberID: memberID, postID: postID).first)
            #expect(held.status == .pending)

            let queue = try await client.get("/admin/comments?status=pending", headers: editor.headers())
            #expect(queue.status == .ok)
            #expect(queue.text.contains("Held for review"))
            #expect(queue.text.contains("reader@example.com"))
            #expect(try await client.get("/admin/comments", headers: author.headers()).status == .forbidden)

            // Without the CSRF token: refused, nothing changes.
            let forged = try await client.postForm(
                "/admin/comments/\(held.id)/status", [("status", "published")], headers: editor.headers())
            #expect(forged.status == .forbidden)
            #expect(try await site.store.comment(id: held.id)?.status == .pending)

            let approved = try await client.postForm(
                "/admin/comments/\(held.id)/status", Self.staffForm(editor, [("status", "published")]),
                headers: editor.headers())
            #expect(approved.status == .seeOther)
            #expect(try await client.get(CommentHTTPTests.articlePath).text.contains("Held for review"))

            let hidden = try await client.postForm(
                "/admin/comments/\(held.id)/status", Self.staffForm(editor, [("status", "hidden")]),
                headers: editor.headers())
            #expect(hidden.status == .seeOther)
            #expect(!(try await client.get(CommentHTTPTests.articlePath).text.contains("Held for review")))

            // Banning is member administration.
            let editorBan = try await client.postForm(
                "/admin/comments/members/\(memberID)/ban", Self.staffForm(editor, [("banned", "yes")]),
                headers: editor.headers())
            #expect(editorBan.status == .forbidden)
            let ban = try await client.postForm(
                "/admin/comments/members/\(memberID)/ban", Self.staffForm(admin, [("banned", "yes")]),
                headers: admin.headers())
            #expect(ban.status == .seeOther)
            let refused = try await client.memberPost(
                "/comments", [("post_id", "\(postID)"), ("body", "Again")], cookie: cookie)
            #expect(refused.status == .forbidden)
            let unban = try await client.postForm(
                "/admin/comments/members/\(memberID)/ban", Self.staffForm(admin, [("banned", "no")]),
                headers: admin.headers())
            #expect(unban.status == .seeOther)
            #expect(try await site.store.commenter(memberID: memberID)?.banned == false)

            let deleted = try await client.postForm(
                "/admin/comments/\(held.id)/delete", Self.staffForm(editor, []), headers: editor.headers())
            #expect(deleted.status == .seeOther)
            #expect(try await site.store.comment(id: held.id) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func settingsAreEditedInTheNewsroomAndTheAPI(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        let token = try await site.apiToken(for: admin.user)
        try await site.serve { client in
            let page = try await client.get("/admin/settings/", headers: admin.headers())
            #expect(page.text.contains("name=\"comments_max_links\" value=\"3\""))
            var fields = [
                ("title", "Byline"), ("description", "News"), ("time_zone", "UTC"), ("posts_per_page", "10"),
                ("navigation", ""), ("comments_enabled", "off"), ("comments_hold_first", "off"),
                ("comments_hold_first", "on"), ("comments_max_links", "5"),
            ]
            let saved = try await client.postForm(
                "/admin/settings", Self.staffForm(admin, fields), headers: admin.headers())
            #expect(saved.status == .seeOther)
            let stored = try await site.store.settings().comments
            #expect(stored == CommentSettings(enabled: false, holdFirstComment: true, maxLinks: 5))
            fields[fields.count - 1] = ("comments_max_links", "99")
            let refused = try await client.postForm(
                "/admin/settings", Self.staffForm(admin, fields), headers: admin.headers())
            #expect(refused.status == .unprocessableContent)

            let bearer: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let read = try await client.get("/api/admin/settings", headers: bearer)
            #expect(read.text.contains("\"max_links\":5"))
            let put = try await client.execute(
                uri: "/api/admin/settings", method: .put, headers: bearer,
                body: ByteBuffer(string: "{\"comments\":{\"enabled\":true,\"max_links\":0}}"))
            #expect(put.status == .ok)
            #expect(
                try await site.store.settings().comments
                    == CommentSettings(enabled: true, holdFirstComment: true, maxLinks: 0))
            let bad = try await client.execute(
                uri: "/api/admin/settings", method: .put, headers: bearer,
                body: ByteBuffer(string: "{\"comments\":{\"max_links\":-1}}"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("comments.max_links"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aReplyIsEmailedOnceToTheParentsAuthor(kind: StoreKind) async throws {
        let (site, parentAuthor, parentCookie) = try await CommentHTTPTests.site(kind)
        let postID = try await CommentHTTPTests.postID(site)
        let (replier, replierCookie) = try await GateLeakTests.member(site, email: "replier@example.com")
        _ = try await site.store.updateMember(id: replier, name: "Ben Replier")
        let linkKey = MemberLinkKey.random()
        try await SMTPTestServer.with { smtp in
            let mailer = try MemberTestMail.mailer(smtp)
            try await site.serveWithServer(memberMailer: mailer, linkKey: linkKey) { client, _ in
                _ = try await client.memberPost(
                    "/comments", [("post_id", "\(postID)"), ("body", "Parent comment")], cookie: parentCookie)
                let parent = try #require(try await site.store.comments(memberID: parentAuthor, postID: postID).first)
                // Replying to oneself mails nobody.
                _ = try await client.memberPost(
                    "/comments", [("post_id", "\(postID)"), ("parent_id", "\(parent.id)"), ("body", "Own")],
                    cookie: parentCookie)
                let posted = try await client.memberPost(
                    "/comments",
                    [("post_id", "\(postID)"), ("parent_id", "\(parent.id)"), ("body", "A thoughtful reply")],
                    cookie: replierCookie)
                #expect(posted.status == .seeOther)

                let replyMailer = CommentReplyMailer(
                    store: site.store, mailer: mailer, linkKey: linkKey, publicURL: "https://news.example")
                let worker = "test-worker"
                let job = try #require(
                    try await site.store.claim(worker: worker, kinds: [CommentReplyEmail.kind], lease: .seconds(60)))
                try await replyMailer.jobHandler(job)
                #expect(try await site.store.complete(jobID: job.id, worker: worker))
                #expect(
                    try await site.store.claim(worker: worker, kinds: [CommentReplyEmail.kind], lease: .seconds(60))
                        == nil)
                // The same job run again (as after a crash before it completed): no second email.
                try await replyMailer.jobHandler(job)

                let mails = try await MemberTestMail.waitForMails(1, to: "reader@example.com", on: smtp)
                #expect(mails.count == 1)
                let text = mails.first?.part("text/plain")?.text ?? mails.first?.parts.first?.text ?? ""
                #expect(text.contains("A thoughtful reply"))
                #expect(text.contains("Ben Replier"))
                #expect(text.contains("https://news.example/harbour-reopens/#comment-"))
                #expect(try MemberTestMail.mails(to: "replier@example.com", on: smtp).isEmpty)

                // The link in it stops reply emails for good.
                let marker = try #require(text.range(of: CommentReplyToken.path + "?token="))
                let token = String(
                    text[marker.upperBound...].prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) })
                let stop = try await client.memberPost(CommentReplyToken.path + "?token=" + token, [])
                #expect(stop.status == .ok)
                #expect(try await site.store.commenter(memberID: parentAuthor)?.replyEmails == false)
                let forged = try await client.memberPost(CommentReplyToken.path + "?token=1.abc", [])
                #expect(forged.status == .badRequest)
            }
        }
    }
}
