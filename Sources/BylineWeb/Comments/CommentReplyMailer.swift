import BylineCore
import BylineMail
import BylineStore
import Foundation
import Logging

/// Runs the ``CommentReplyEmail`` job: tells a comment's author that someone replied, with a
/// link to the reply and a one-click link that stops these emails (``CommentReplyToken``),
/// through the members' mail transport (``MemberMailer``).
///
/// Once at most per reply: the store marks the reply as emailed before the message leaves
/// (``CommentStore/takeReplyEmail(commentID:)``), so a job run again after a crash finds it
/// taken. Only a failure to hand the message to the SMTP server gives it back for the retry;
/// a crash between the server accepting it and the job completing loses nothing but the
/// retry, and SMTP's own unavoidable case (the server took the message but the reply to DATA
/// was lost) may still deliver it twice.
public struct CommentReplyMailer: Sendable {
    let store: any CommentStore & SettingsStore
    let mailer: MemberMailer
    let linkKey: MemberLinkKey
    /// The site's public origin, e.g. `https://news.example`.
    let publicURL: String

    public init(
        store: any CommentStore & SettingsStore, mailer: MemberMailer, linkKey: MemberLinkKey, publicURL: String
    ) {
        self.store = store
        self.mailer = mailer
        self.linkKey = linkKey
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// The job handler the worker registers under ``CommentReplyEmail/kind``.
    public var jobHandler: JobHandler {
        { job in
            guard let payload = CommentReplyEmail(payload: job.payload) else {
                throw StoreError.invalidInput("a comment reply job without a comment id: \(job.payload)")
            }
            try await send(commentID: payload.commentID)
        }
    }

    /// Sends the email for reply `commentID` unless it was sent (or is not to be sent).
    public func send(commentID: Int64) async throws {
        guard let notice = try await store.takeReplyEmail(commentID: commentID) else { return }
        let siteTitle = try await store.settings().title
        let message = Self.text(notice, siteTitle: siteTitle, publicURL: publicURL, linkKey: linkKey)
        do {
            try await mailer.sendNotice(
                to: notice.recipient.email, subject: message.subject, text: message.body,
                domain: URL(string: publicURL)?.host ?? "byline.invalid",
                extraHeaders: try Self.headers(notice, publicURL: publicURL, linkKey: linkKey))
        } catch {
            try? await store.releaseReplyEmail(commentID: commentID)
            throw error
        }
    }

    /// `List-Unsubscribe` with the signed stop link and `List-Unsubscribe-Post` (RFC 8058): a
    /// mail program's unsubscribe button POSTs `List-Unsubscribe=One-Click` to the link, which
    /// stops reply emails without a session.
    static func headers(_ notice: CommentReplyNotice, publicURL: String, linkKey: MemberLinkKey) throws
        -> [MailHeader]
    {
        let stop = CommentReplyToken.url(origin: publicURL, memberID: notice.recipient.memberID, key: linkKey)
        return [try MailHeader.listUnsubscribe(stop), MailHeader.listUnsubscribePost]
    }

    /// The message: who replied, on which article, the reply's text, the link to it and the
    /// link that stops these emails.
    static func text(_ notice: CommentReplyNotice, siteTitle: String, publicURL: String, linkKey: MemberLinkKey)
        -> (subject: String, body: String)
    {
        let link = publicURL + SiteRoute.canonicalPath(.post(slug: notice.postSlug)) + "#comment-\(notice.reply.id)"
        let stop = CommentReplyToken.url(origin: publicURL, memberID: notice.recipient.memberID, key: linkKey)
        let subject = "\(notice.reply.displayName) replied to your comment on \(notice.postTitle)"
        let body = """
            \(notice.reply.displayName) replied to your comment on “\(notice.postTitle)” (\(siteTitle)):

            \(notice.reply.body)

            Read the conversation: \(link)

            Stop emails about replies to your comments: \(stop)
            """
        return (subject, body)
    }
}
