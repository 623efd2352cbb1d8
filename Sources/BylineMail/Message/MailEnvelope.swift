/// Who the SMTP server is told the message is from (`MAIL FROM`, where bounces go) and for
/// (`RCPT TO`); usually the From and To addresses, but a newsletter may set a bounce address.
public struct MailEnvelope: Sendable, Hashable {
    public let sender: String
    public let recipients: [String]

    public init(sender: MailAddress, recipients: [MailAddress]) throws(MailMessageError) {
        guard !recipients.isEmpty else { throw .noRecipients }
        self.sender = sender.address
        self.recipients = recipients.map(\.address)
    }
}
