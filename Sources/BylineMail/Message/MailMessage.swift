import Foundation
import NIOCore

/// One email: addresses, subject, date, Message-ID, extra headers (List-Unsubscribe) and a
/// ``MailBody``. Every field is checked when the message is made, so rendering cannot fail and
/// no value can inject a header.
///
/// For a newsletter make the ``MailBody`` once and one `MailMessage` per member with it:
/// ``rendered()`` then writes only the few header lines.
public struct MailMessage: Sendable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let subject: String
    public let date: Date
    public let messageID: MessageID
    public let replyTo: MailAddress?
    public let extraHeaders: [MailHeader]
    public let body: MailBody
    /// Where bounces go (`MAIL FROM`); nil uses the From address.
    public let bounceAddress: MailAddress?

    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date = Date(), messageID: MessageID,
        replyTo: MailAddress? = nil, extraHeaders: [MailHeader] = [], body: MailBody, bounceAddress: MailAddress? = nil
    ) throws(MailMessageError) {
        guard !to.isEmpty else { throw .noRecipients }
        try HeaderText.requireSingleLine(subject, field: "Subject")
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.replyTo = replyTo
        self.extraHeaders = extraHeaders
        self.body = body
        self.bounceAddress = bounceAddress
    }

    /// A message with its own body (text, and HTML when given).
    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date = Date(), messageID: MessageID,
        extraHeaders: [MailHeader] = [], text: String, html: String? = nil
    ) throws(MailMessageError) {
        try self.init(
            from: from, to: to, subject: subject, date: date, messageID: messageID, extraHeaders: extraHeaders,
            body: MailBody(text: text, html: html))
    }

    /// The envelope and header block; the body's bytes are shared, not copied.
    public func rendered() -> RenderedMail {
        var header = "Date: \(MailDate.format(date))\r\n"
        header += "From: \(from)\r\n"
        header += "To: " + to.map(\.description).joined(separator: ",\r\n ") + "\r\n"
        if let replyTo { header += "Reply-To: \(replyTo)\r\n" }
        header += "Subject: \(EncodedWord.unstructured(subject, used: 9))\r\n"
        header += "Message-ID: \(messageID)\r\n"
        for field in extraHeaders {
            header += "\(field.name): \(HeaderText.fold(field.value, used: field.name.utf8.count + 2))\r\n"
        }
        var buffer = ByteBufferAllocator().buffer(capacity: header.utf8.count + 16)
        buffer.writeBytes(SMTPDataEncoding.encode(Array(header.utf8)))
        // The addresses were checked when made, and To is never empty.
        let envelope = try! MailEnvelope(sender: bounceAddress ?? from, recipients: to)
        return RenderedMail(envelope: envelope, header: buffer, body: body.bytes)
    }
}
