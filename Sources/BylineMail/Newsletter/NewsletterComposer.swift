import BylineStore
import Foundation
import Synchronization

/// Makes each member's copy of a send: the send's body encoded once (``MailBodyTemplate``),
/// then per member only the header lines and the unsubscribe line.
public final class NewsletterComposer: Sendable {
    public let from: MailAddress
    /// The right-hand side of every Message-ID.
    public let messageIDDomain: String
    /// The one-click unsubscribe URL of a member's newsletter email, on the site at `origin`.
    let unsubscribeURL: @Sendable (_ origin: String, _ memberID: Int64, _ newsletterID: Int64) -> String
    private let templates = Mutex<[Int64: MailBodyTemplate]>([:])
    private let subjects = Mutex<[Int64: (subject: String, siteURL: String)]>([:])

    public init(
        from: MailAddress, messageIDDomain: String,
        unsubscribeURL: @escaping @Sendable (_ origin: String, _ memberID: Int64, _ newsletterID: Int64) -> String
    ) {
        self.from = from
        self.messageIDDomain = messageIDDomain
        self.unsubscribeURL = unsubscribeURL
    }

    /// The Message-ID of a post's email to a member: the same on every attempt, so a second
    /// copy (a retry after a crash) is recognisably the same message.
    public func messageID(postID: Int64, memberID: Int64) throws(MailMessageError) -> MessageID {
        try MessageID("newsletter.\(postID).\(memberID)@\(messageIDDomain)")
    }

    /// Whether the send's body is prepared.
    func isPrepared(sendID: Int64) -> Bool { templates.withLock { $0[sendID] != nil } }

    /// Encodes the send's body once; later calls for the same send do nothing.
    func prepare(_ send: NewsletterSend) {
        guard !isPrepared(sendID: send.id) else { return }
        let template = MailBodyTemplate(
            text: send.text, html: send.html, placeholder: NewsletterSend.unsubscribePlaceholder)
        templates.withLock { templates in
            // A long-running node sees many sends; only the latest few are in flight.
            if templates.count >= 16 { templates.removeAll() }
            templates[send.id] = template
        }
        subjects.withLock { subjects in
            if subjects.count >= 16 { subjects.removeAll() }
            subjects[send.id] = (send.subject, send.siteURL)
        }
    }

    /// The member's copy (nil when the send was not prepared); throws for an address or name no
    /// message can carry.
    func message(for delivery: ClaimedDelivery, date: Date = Date()) throws(MailMessageError) -> MailMessage? {
        guard let template = templates.withLock({ $0[delivery.sendID] }),
            let (subject, siteURL) = subjects.withLock({ $0[delivery.sendID] })
        else { return nil }
        let url = unsubscribeURL(siteURL, delivery.memberID, delivery.newsletterID)
        let to = try MailAddress(delivery.email, displayName: delivery.name.isEmpty ? nil : delivery.name)
        return try MailMessage(
            from: from, to: [to], subject: subject, date: date,
            messageID: try messageID(postID: delivery.postID, memberID: delivery.memberID),
            extraHeaders: [try .listUnsubscribe(url), .listUnsubscribePost],
            body: template.body(replacingWith: url))
    }
}
