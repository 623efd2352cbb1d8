/// Why a message cannot be composed; `description` names the field to fix. Header values with
/// CR or LF are refused here rather than stripped, so a crafted name or subject can never add a
/// header (or a second message) of its own.
public enum MailMessageError: Error, Equatable, CustomStringConvertible {
    case lineBreakInHeader(field: String)
    case badHeaderName(String)
    case reservedHeader(String)
    case badAddress(String)
    case noRecipients
    case badMessageID(String)

    public var description: String {
        switch self {
        case .lineBreakInHeader(let field):
            "the \(field) header contains a line break (CR or LF), which could inject headers: remove it"
        case .badHeaderName(let name):
            "\"\(name)\" is not a header name: use printable ASCII letters, digits and hyphens, without a colon"
        case .reservedHeader(let name):
            "\(name) is set by the message itself (addresses, subject, date, MIME structure): not as an extra header"
        case .badAddress(let address):
            "\"\(address)\" is not an email address this sender can use: expected local@domain in ASCII, without spaces or angle brackets"
        case .noRecipients: "the message has no recipient"
        case .badMessageID(let id):
            "\"\(id)\" is not a Message-ID: expected left@right in printable ASCII, without spaces or angle brackets"
        }
    }
}
