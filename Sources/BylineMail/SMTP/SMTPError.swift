/// Why a connection or a message failed, with `kind` saying whether to retry, to stop mailing
/// that address, or to fix the settings; `description` says what happened in words a user can
/// act on.
public enum SMTPError: Error, Hashable, CustomStringConvertible {
    case connectFailed(host: String, port: Int, reason: String)
    case timedOut(waitingFor: SMTPCommand)
    /// The connection closed; after ``SMTPCommand/messageData`` the message may have been delivered.
    case connectionLost(waitingFor: SMTPCommand)
    case tlsFailed(reason: String)
    case startTLSNotOffered(host: String)
    case credentialsNeedTLS(host: String)
    case authenticationNotOffered(offered: [String])
    case authenticationFailed(SMTPReply)
    case rejected(SMTPCommand, SMTPReply)
    /// Every recipient was refused (a single-recipient newsletter message: that one address).
    case recipientsRejected([SMTPRecipientRejection])
    case messageTooLarge(size: Int, limit: Int)
    case protocolViolation(String)
    /// The client was closed, or another send is still running on this connection.
    case notReady(String)

    public var kind: SMTPFailureKind {
        switch self {
        case .connectFailed, .timedOut, .connectionLost, .protocolViolation, .notReady: .temporary
        case .tlsFailed, .startTLSNotOffered, .credentialsNeedTLS, .authenticationNotOffered: .configuration
        case .authenticationFailed(let reply): reply.isTemporary ? .temporary : .configuration
        case .rejected(let command, let reply):
            switch command {
            case .mailFrom, .rcptTo, .data, .messageData: reply.isTemporary ? .temporary : .permanent
            default: reply.isTemporary ? .temporary : .configuration
            }
        case .recipientsRejected(let rejections): rejections.allSatisfy(\.reply.isTemporary) ? .temporary : .permanent
        case .messageTooLarge: .permanent
        }
    }

    /// Whether the server may have taken the message although the send failed: the connection
    /// went while waiting for the reply to its data. Retrying then may deliver a second copy.
    public var mayHaveBeenDelivered: Bool {
        switch self {
        case .connectionLost(waitingFor: .messageData), .timedOut(waitingFor: .messageData): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .connectFailed(let host, let port, let reason):
            "could not connect to the SMTP server \(host):\(port): \(reason) (check SMTP_URL's host and port)"
        case .timedOut(let command): "the SMTP server did not answer \(command) in time"
        case .connectionLost(let command): "the SMTP server closed the connection while we waited for \(command)"
        case .tlsFailed(let reason): "TLS with the SMTP server failed: \(reason)"
        case .startTLSNotOffered(let host):
            "\(host) does not offer STARTTLS, and SMTP_URL requires it (starttls=required): use smtps:// or another port"
        case .credentialsNeedTLS(let host):
            "\(host) offers no STARTTLS: not sending the password in the clear (use smtps://, or tls=none for a local test server)"
        case .authenticationNotOffered(let offered):
            "the SMTP server offers no AUTH mechanism this client speaks (PLAIN, LOGIN); it offers: "
                + (offered.isEmpty ? "none" : offered.joined(separator: " "))
        case .authenticationFailed(let reply): "the SMTP server refused the user name or password: \(reply)"
        case .rejected(let command, let reply): "the SMTP server refused \(command): \(reply)"
        case .recipientsRejected(let rejections):
            "the SMTP server refused every recipient: "
                + rejections.map { "\($0.recipient) (\($0.reply))" }.joined(separator: ", ")
        case .messageTooLarge(let size, let limit):
            "the message has \(size) bytes; the SMTP server takes at most \(limit)"
        case .protocolViolation(let what): "the SMTP server's reply made no sense: \(what)"
        case .notReady(let why): "the SMTP connection cannot send now: \(why)"
        }
    }
}
