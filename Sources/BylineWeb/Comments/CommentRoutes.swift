import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /comments`: a member's comment or reply, sent from an article page.
///
/// The form sits on the article as cached for every member alike, so it cannot carry one
/// member's CSRF token. It is defended instead as the signup form is: ``SameSiteOrigin`` (a
/// foreign page cannot forge `Sec-Fetch-Site` or `Origin`), the member session cookie is
/// `SameSite=Lax` (a cross-site POST does not carry it), and the member is found from that
/// cookie here. ``CSRFMiddleware`` leaves the path to this check.
///
/// Answers: 303 to the comment on its article (held comments: to the member's own page of it,
/// which says it awaits moderation); 422 for text the rules refuse; 429 when the member or the
/// address posted too often; 403 for a banned member, closed comments or a foreign form; 404
/// for a post that is not published or that the member may not read. A filled honeypot gets
/// the same 303 as a success and nothing is stored. Only accepted comments count against the
/// address's limit (``CommentClientLimiter``), and the address is the one a trusted proxy
/// reports (``CommentClientLimiter/clientAddress(peer:forwardedFor:realIP:)``).
struct CommentRoutes: Sendable {
    static let path = "/comments"
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let realIP = HTTPField.Name("X-Real-IP")!

    let signup: MemberSignup
    let comments: any CommentStore
    let settings: any SettingsStore
    let origin: SameSiteOrigin
    let page: MemberPageHTML
    let limiter: CommentClientLimiter
    /// This node's page cache: the pages a comment touched are dropped before the redirect.
    let cache: PageCache?

    func register(on router: Router<BylineRequestContext>) {
        router.post("comments") { request, context in try await post(request, context) }
    }

    private func post(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        guard origin.allows(request) else {
            return page.message(
                .forbidden, title: "Form refused", "This form was not sent from this site. Open the site and try again."
            )
        }
        let form = try await FormFields.read(request, context: context)
        let target = try await Int64(form["post_id"] ?? "").asyncFlatMap {
            try await comments.commentTarget(postID: $0)
        }
        let articlePath = target.map { SiteRoute.canonicalPath(.post(slug: $0.slug)) }
        // The honeypot: hidden from people, filled in by bots. Answered like a success.
        if let trap = form["website"], !trap.isEmpty {
            return seeOther((articlePath ?? "/") + "#comments")
        }
        guard let cookie = request.cookies[SessionCookie.memberName]?.value, !cookie.isEmpty,
            let session = try await signup.session(cookie: cookie)
        else {
            let back = ReturnPath((articlePath ?? "/") + "#comments").map { "?return_to=\($0.queryValue)" } ?? ""
            return seeOther("/members/signin" + back)
        }
        let site = try await settings.settings()
        guard site.comments.enabled else {
            return page.message(.forbidden, title: "Comments are closed", "This site does not take comments.")
        }
        let now = signup.clock.now()
        guard let target, let articlePath,
            GatePolicy.canRead(
                GatePolicy.effectiveVisibility(
                    target.visibility, publishedAt: target.publishedAt, settings: site.gate, now: now), .member)
        else { return notFound() }
        let client = CommentClientLimiter.clientAddress(
            peer: context.clientAddress,
            forwardedFor: request.headers[values: Self.forwardedFor].joined(separator: ","),
            realIP: request.headers[Self.realIP])
        guard limiter.allows(client, now: now) else { return tooMany() }
        let text = form["body"] ?? ""
        let parentID = Int64(form["parent_id"] ?? "")
        do {
            let plan = try CommentWritePlan(
                postID: target.postID, memberID: session.member.id, parentID: parentID, text: text,
                settings: site.comments, now: now)
            let change = try await comments.addComment(plan)
            limiter.record(client, now: now)
            cache?.invalidate(change.touched)
            guard let comment = change.comment else { return seeOther(articlePath + "#comments") }
            if comment.status == .pending { return seeOther(MemberCommentRoutes.commentPath(comment.id)) }
            return seeOther(articlePath + "#comment-\(comment.id)")
        } catch StoreError.invalidInput(let reason) {
            return refusedText(reason, text: text, postID: target.postID, parentID: parentID, articlePath: articlePath)
        } catch let refusal as CommentRefusal {
            switch refusal {
            case .postNotFound: return notFound()
            case .parentNotFound:
                return page.message(
                    .notFound, title: "Comment not found",
                    "The comment you replied to is no longer there. Your reply was not posted.")
            case .banned, .notConfirmed:
                return page.message(.forbidden, title: "You cannot comment", "Your account cannot post comments.")
            case .rateLimited: return tooMany()
            }
        }
    }

    // MARK: Answers

    private func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    private func notFound() -> Response {
        page.message(.notFound, title: "Article not found", "There is no article here to comment on.")
    }

    private func tooMany() -> Response {
        var response = page.message(
            .tooManyRequests, title: "Too many comments",
            "You have posted many comments in a short time. Wait a few minutes and try again.")
        response.headers[.retryAfter] = "600"
        return response
    }

    /// The 422 page: why, and the text back in a form to fix it (the page is this member's
    /// alone, never cached).
    private func refusedText(_ reason: String, text: String, postID: Int64, parentID: Int64?, articlePath: String)
        -> Response
    {
        let parent = parentID.map { "\n<input type=\"hidden\" name=\"parent_id\" value=\"\($0)\">" } ?? ""
        return page.response(
            .unprocessableContent, title: "Your comment was not posted",
            body: """
                <p class="error" data-field="body">\(HTMLEscape.escape(reason))</p>
                <form method="post" action="\(Self.path)" class="member-form comment-form">
                <input type="hidden" name="post_id" value="\(postID)">\(parent)
                <label class="member-field">Your comment <textarea name="body" rows="6" maxlength="\(CommentText.maxLength + 1000)">\
                \(HTMLEscape.escape(text))</textarea></label>
                <button type="submit">Post comment</button>
                </form>
                <p><a href="\(HTMLEscape.escape(articlePath))#comments">Back to the article</a></p>
                """)
    }
}

extension Optional {
    /// `flatMap` with an async transform.
    fileprivate func asyncFlatMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped?) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
