/// The step of the conversation a reply or failure belongs to, so an error can say what the
/// server refused and a caller can tell whether the message may already have been delivered.
public enum SMTPCommand: Sendable, Hashable, CustomStringConvertible {
    case greeting
    case ehlo
    case startTLS
    case auth
    case mailFrom
    case rcptTo(String)
    case data
    /// The message's bytes and the final ".": once sent, the server may have taken the message.
    case messageData
    case reset
    case quit

    public var description: String {
        switch self {
        case .greeting: "the greeting"
        case .ehlo: "EHLO"
        case .startTLS: "STARTTLS"
        case .auth: "AUTH"
        case .mailFrom: "MAIL FROM"
        case .rcptTo(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .messageData: "the end of the message data"
        case .reset: "RSET"
        case .quit: "QUIT"
        }
    }
}
