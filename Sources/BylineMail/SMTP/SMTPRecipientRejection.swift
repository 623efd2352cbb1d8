/// One recipient the server refused, with its reply (4xx: try later, 5xx: hard bounce).
public struct SMTPRecipientRejection: Sendable, Hashable {
    public let recipient: String
    public let reply: SMTPReply
}
