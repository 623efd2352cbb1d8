import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// A member's own comments, on pages that are theirs alone (never cached, `no-store`), where
/// their CSRF token may be: `/members/comments` (the list, and the reply-email choice),
/// `/members/comments/<id>` (one comment: its status, and editing or deleting it within
/// ``Comment/editWindow``), `/members/comments.json?post=<id>` (the ids of their comments on a
/// post, for a script), and the signed one-click link that stops reply emails. The session
/// comes from ``MemberSessionMiddleware``; each form's `_csrf` is checked by ``CSRFMiddleware``.
struct MemberCommentRoutes: Sendable {
    let signup: MemberSignup
    let comments: any CommentStore
    let settings: any SettingsStore
    let page: MemberPageHTML
    let cache: PageCache?

    static func commentPath(_ id: Int64) -> String { "/members/comments/\(id)" }
    static let awaitingModeration = "Your comment is awaiting moderation."

    func register(on router: Router<BylineRequestContext>) {
        router.get("members/comments") { request, context in try await list(request, context) }
        router.get("members/comments.json") { request, context in try await mine(request, context) }
        router.get("members/comments/:id") { request, context in try await show(request, context) }
        router.post("members/comments/:id/edit") { request, context in try await edit(request, context) }
        router.post("members/comments/:id/delete") { request, context in try await delete(request, context) }
        router.post("members/comment-replies") { request, context in try await setReplies(request, context) }
        router.get("members/comment-replies/off") { request, context in stopPage(request, context) }
        router.post("members/comment-replies/off") { request, _ in try await stop(request) }
    }

    // MARK: Pages

    private func list(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else { return signIn("/members/comments") }
        let recent = try await comments.recentComments(memberID: session.member.id, limit: 50)
        let commenter = try await comments.commenter(memberID: session.member.id)
        let dates = DateText(timeZone: try await settings.settings().timeZone)
        let items = recent.map { item in
            let comment = item.comment
            let status = comment.status == .pending ? " <span class=\"comment-status\">awaiting moderation</span>" : ""
            return """
                <li><a href="\(Self.commentPath(comment.id))">\(HTMLEscape.escape(dates.display(comment.createdAt)))</a> \
                on <a href="\(HTMLEscape.escape(articlePath(item.postSlug)))#comment-\(comment.id)">\
                \(HTMLEscape.escape(item.postTitle))</a>\(status)
                <blockquote class="comment-body">\(CommentText.html(comment.body))</blockquote></li>
                """
        }.joined(separator: "\n")
        let replies = commenter?.replyEmails ?? true
        return page.response(
            title: "Your comments",
            body: """
                \(items.isEmpty ? "<p>You have not commented yet.</p>" : "<ul class=\"member-comments\">\n\(items)\n</ul>")
                <form method="post" action="/members/comment-replies" class="member-form">
                <input type="hidden" name="_csrf" value="\(HTMLEscape.escape(session.csrfToken))">
                <label class="member-choice"><input type="checkbox" name="enabled" value="yes"\(replies ? " checked" : "")> \
                Email me when someone replies to my comments</label>
                <button type="submit">Save</button>
                </form>
                <p><a href="/members/account">Your account</a></p>
                """)
    }

    /// One of the member's comments: what became of it, and while the window lasts, the forms
    /// that change or delete it.
    private func show(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else { return signIn(request.uri.path) }
        guard let comment = try await ownComment(context, session) else { return notYours() }
        return try await commentPage(comment, session: session)
    }

    private func commentPage(
        _ comment: Comment, session: MemberSession, status: HTTPResponse.Status = .ok, error: String? = nil,
        typed: String? = nil
    ) async throws -> Response {
        let target = try await comments.commentTarget(postID: comment.postID)
        let article = target.map { articlePath($0.slug) }
        let csrf = HTMLEscape.escape(session.csrfToken)
        var body = ""
        switch comment.status {
        case .pending: body += "<p class=\"member-notice\" role=\"status\">\(Self.awaitingModeration)</p>\n"
        case .hidden: body += "<p class=\"member-notice\">A moderator has hidden this comment.</p>\n"
        case .published:
            if let article {
                body +=
                    "<p><a href=\"\(HTMLEscape.escape(article))#comment-\(comment.id)\">See it on the article</a></p>\n"
            }
        }
        body += "<div class=\"comment-body\">\(CommentText.html(comment.body))</div>\n"
        if let error { body += "<p class=\"error\" data-field=\"body\">\(HTMLEscape.escape(error))</p>\n" }
        if comment.isEditable(at: signup.clock.now()), comment.status != .hidden {
            body += """
                <form method="post" action="\(Self.commentPath(comment.id))/edit" class="member-form comment-edit">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <label class="member-field">Change your comment <textarea name="body" rows="6">\
                \(HTMLEscape.escape(typed ?? comment.body))</textarea></label>
                <button type="submit">Save changes</button>
                </form>
                <form method="post" action="\(Self.commentPath(comment.id))/delete" class="member-form comment-delete">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <button type="submit" class="member-danger">Delete this comment</button>
                </form>

                """
        } else {
            body += "<p>Comments can be changed or deleted for 15 minutes after posting.</p>\n"
        }
        body += "<p><a href=\"/members/comments\">All your comments</a></p>"
        return page.response(status, title: "Your comment", body: body)
    }

    private func edit(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else { return signIn("/members/comments") }
        let form = try await FormFields.read(request, context: context)
        guard let comment = try await ownComment(context, session) else { return notYours() }
        let typed = form["body"] ?? ""
        let commentSettings = try await settings.settings().comments
        guard commentSettings.enabled else {
            return page.message(.forbidden, title: "Comments are closed", "This site does not take comments.")
        }
        let body: String
        do {
            body = try CommentText.validated(typed, maxLinks: commentSettings.maxLinks)
        } catch {
            return try await commentPage(
                comment, session: session, status: .unprocessableContent, error: error.description, typed: typed)
        }
        let now = signup.clock.now()
        let edited: CommentChange?
        do {
            edited = try await comments.editComment(
                id: comment.id, memberID: session.member.id, body: body,
                editableSince: now.addingTimeInterval(-Comment.editWindow),
                holdFirstComment: commentSettings.holdFirstComment)
        } catch CommentRefusal.banned {
            return page.message(.forbidden, title: "You cannot comment", "Your account cannot post comments.")
        }
        guard let change = edited else {
            return page.message(
                .forbidden, title: "Too late to change",
                "Comments can be changed for 15 minutes after posting; this one can no longer be changed.")
        }
        cache?.invalidate(change.touched)
        return seeOther(Self.commentPath(comment.id))
    }

    private func delete(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else { return signIn("/members/comments") }
        guard let comment = try await ownComment(context, session) else { return notYours() }
        guard comment.isEditable(at: signup.clock.now()) else {
            return page.message(
                .forbidden, title: "Too late to delete",
                "Comments can be deleted for 15 minutes after posting; ask the editors to remove this one.")
        }
        if let change = try await comments.deleteComment(id: comment.id, memberID: session.member.id) {
            cache?.invalidate(change.touched)
        }
        return page.message(title: "Comment deleted", "Your comment is deleted.")
    }

    /// The ids of the member's comments on one post, with whether each may still be changed:
    /// private to the member, never stored by any cache.
    private func mine(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else {
            return json(.unauthorized, "{\"error\":\"sign in first\"}")
        }
        guard let postID = request.uri.queryParameters["post"].flatMap({ Int64($0) }) else {
            return json(.badRequest, "{\"error\":\"post is required\"}")
        }
        let now = signup.clock.now()
        let items = try await comments.comments(memberID: session.member.id, postID: postID).map { comment in
            "{\"id\":\(comment.id),\"status\":\"\(comment.status.rawValue)\",\"editable\":\(comment.isEditable(at: now)),"
                + "\"url\":\"\(Self.commentPath(comment.id))\"}"
        }
        return json(.ok, "{\"comments\":[\(items.joined(separator: ","))]}")
    }

    private func setReplies(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard let session = context.memberSession else { return signIn("/members/comments") }
        let form = try await FormFields.read(request, context: context)
        try await comments.setCommentReplyEmails(memberID: session.member.id, form["enabled"] == "yes")
        return seeOther("/members/comments")
    }

    /// The emailed link's page: a button, so a mail scanner's prefetch changes nothing. A
    /// signed-in browser's press carries its CSRF token; a mail program's one-click POST
    /// (RFC 8058) comes without a session and needs none.
    private func stopPage(_ request: Request, _ context: BylineRequestContext) -> Response {
        guard let text = request.uri.queryParameters["token"].map(String.init),
            CommentReplyToken(text, key: signup.linkKey) != nil
        else { return badLink() }
        let csrf = context.memberSession.map {
            "\n<input type=\"hidden\" name=\"_csrf\" value=\"\(HTMLEscape.escape($0.csrfToken))\">"
        }
        return page.response(
            title: "Stop reply emails",
            body: """
                <p>Press the button to stop emails about replies to your comments.</p>
                <form method="post" action="\(HTMLEscape.escape(CommentReplyToken.path + "?token=" + text))">\(csrf ?? "")
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Stop reply emails</button>
                </form>
                """)
    }

    private func stop(_ request: Request) async throws -> Response {
        guard let text = request.uri.queryParameters["token"].map(String.init),
            let token = CommentReplyToken(text, key: signup.linkKey)
        else { return badLink() }
        if try await comments.commenter(memberID: token.memberID) != nil {
            try await comments.setCommentReplyEmails(memberID: token.memberID, false)
        }
        return page.message(title: "Reply emails stopped", "You will not receive emails about replies any more.")
    }

    // MARK: Parts

    private func ownComment(_ context: BylineRequestContext, _ session: MemberSession) async throws -> Comment? {
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }),
            let comment = try await comments.comment(id: id), comment.memberID == session.member.id
        else { return nil }
        return comment
    }

    private func articlePath(_ slug: String) -> String { SiteRoute.canonicalPath(.post(slug: slug)) }

    private func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    private func signIn(_ path: String) -> Response {
        seeOther("/members/signin")
    }

    private func notYours() -> Response {
        page.message(.notFound, title: "Comment not found", "There is no comment of yours here.")
    }

    private func badLink() -> Response {
        page.message(.badRequest, title: "Unknown link", "This link is not valid. Sign in at /members/signin instead.")
    }

    private func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
