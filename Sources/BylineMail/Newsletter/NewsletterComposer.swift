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
    private let templates = Mutex<[Int64: PreparedSend]>([:])

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

    /// A send ready to address: its body encoded once, its subject and origin.
    public struct PreparedSend: Sendable {
        let template: MailBodyTemplate
        let subject: String
        let siteURL: String
    }

    /// The send's prepared body, encoded on first use and kept for the few sends in flight.
    /// The caller keeps what it got for as long as it sends (a batch may span several sends,
    /// and this cache may drop one meanwhile).
    func prepared(_ send: NewsletterSend) -> PreparedSend {
        if let known = templates.withLock({ $0[send.id] }) { return known }
        let prepared = PreparedSend(
            template: MailBodyTemplate(
                text: send.text, html: send.html, placeholder: NewsletterSend.unsubscribePlaceholder),
            subject: send.subject, siteURL: send.siteURL)
        templates.withLock { templates in
            if templates.count >= 16 { templates.removeAll() }
            templates[send.id] = prepared
        }
        return prepared
    }

    /// Whether the send is prepared already (no need to read it from the store).
    func preparedIfKnown(sendID: Int64) -> PreparedSend? { templates.withLock { $0[sendID] } }

    /// The member's copy of a prepared send; throws for an address or name no message can carry.
    func message(for delivery: ClaimedDelivery, of send: PreparedSend, date: Date = Date()) throws(MailMessageError)
        -> MailMessage
    {
        let url = unsubscribeURL(send.siteURL, delivery.memberID, delivery.newsletterID)
        let to = try MailAddress(delivery.email, displayName: delivery.name.isEmpty ? nil : delivery.name)
        return try MailMessage(
            from: from, to: [to], subject: send.subject, date: date,
            messageID: try messageID(postID: delivery.postID, memberID: delivery.memberID),
            extraHeaders: [try .listUnsubscribe(url), .listUnsubscribePost],
            body: send.template.body(replacingWith: url))
    }
}
