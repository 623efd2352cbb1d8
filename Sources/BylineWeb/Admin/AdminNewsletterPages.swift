import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/admin/newsletters/`: the site's newsletters with their subscriber counts, and each post's
/// email with its deliveries (queued, sent, failed) updating live while a send runs; the page
/// polls `progress.json` with a little script and reads as a snapshot without it.
public struct AdminNewsletterPages: Sendable {
    let env: NewsroomEnvironment
    /// Sends the page lists.
    static let listedSends = 50

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    /// Adds the routes to `group`, mounted at `/admin` behind the signed-in check.
    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("newsletters", use: page)
        group.get("newsletters/progress.json", use: progress)
    }

    func allowedUser(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else {
            throw HTTPError(.unauthorized, message: "You are signed out. Sign in again at /admin/signin.")
        }
        try env.newsroom.require(user, .sendNewsletter, "see newsletter sends; editors do")
        return user
    }

    @Sendable func page(_ request: Request, context: BylineRequestContext) async throws -> Response {
        do {
            _ = try allowedUser(context)
        } catch let error as NewsroomError {
            return env.adminTheme.page(
                "problem", title: "Newsletters", ["heading": "Not allowed", "message": error.description],
                context: context, status: error.status)
        }
        var newsletters: [[String: Any]] = []
        for newsletter in try await env.store.newsletters(includingInactive: true) {
            newsletters.append([
                "name": newsletter.name, "slug": newsletter.slug, "active": newsletter.active,
                "subscribers": try await env.store.confirmedSubscriberCount(newsletterID: newsletter.id),
            ])
        }
        let time = NewsroomTime(settings: try await env.store.settings())
        let sends = try await env.store.recentNewsletterSends(limit: Self.listedSends).map {
            SendRow($0, time: time)
        }
        return env.adminTheme.page(
            "newsletters", title: "Newsletters",
            [
                "newsletters": newsletters, "sends": sends, "hasSends": !sends.isEmpty,
                "sending": sends.contains { !$0.finished }, "navNewsletters": true,
            ], context: context)
    }

    /// Progress of the listed sends, for the page's live display.
    @Sendable func progress(_ request: Request, context: BylineRequestContext) async throws -> Response {
        _ = try allowedUser(context)
        let sends = try await env.store.recentNewsletterSends(limit: Self.listedSends)
        let rows = sends.map { send -> [String: Any] in
            let p = send.progress
            return [
                "id": send.id, "queued": p.queued, "sending": p.sending, "sent": p.sent, "failed": p.failed,
                "skipped": p.skipped, "total": p.total, "finished": p.isFinished,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: ["sends": rows], options: [.sortedKeys])
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// One send as the template shows it.
    struct SendRow {
        let id: Int64
        let postTitle: String
        let postURL: String
        let newsletterName: String
        let started: String
        let startedISO: String
        let queued: Int
        let sent: Int
        let failed: Int
        let skipped: Int
        let total: Int
        let finished: Bool
        /// Sent, failed or skipped: done with, out of the total.
        let done: Int

        init(_ send: NewsletterSendSummary, time: NewsroomTime) {
            id = send.id
            postTitle = send.postTitle
            postURL = "/admin/posts/\(send.postID)/edit"
            newsletterName = send.newsletterName
            started = time.display(send.createdAt)
            startedISO = ISO8601DateFormatter().string(from: send.createdAt)
            let p = send.progress
            queued = p.queued + p.sending
            sent = p.sent
            failed = p.failed
            skipped = p.skipped
            total = p.total
            finished = p.isFinished
            done = p.sent + p.failed + p.skipped
        }
    }
}
