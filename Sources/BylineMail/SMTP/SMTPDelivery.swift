/// What the server said to a message it took: accepted recipients, any it refused while taking
/// the others, and its final reply (often with its queue id, worth logging).
public struct SMTPDelivery: Sendable, Hashable {
    public let acceptedRecipients: [String]
    public let rejectedRecipients: [SMTPRecipientRejection]
    public let reply: SMTPReply
}
