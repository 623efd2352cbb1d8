/// One extra header field such as `List-Unsubscribe`; name and value are checked when made, so
/// a value cannot carry a line break into the message.
public struct MailHeader: Sendable, Hashable {
    public let name: String
    public let value: String

    /// Fields the message writes itself from its own properties; as extras they would be duplicates.
    static let reserved: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "sender", "reply-to",
    ]

    /// `value` must be printable ASCII (encode other text yourself, e.g. URLs percent-encoded).
    public init(_ name: String, _ value: String) throws(MailMessageError) {
        try HeaderText.requireSingleLine(name, field: "header name")
        try HeaderText.requireSingleLine(value, field: name)
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw .badHeaderName(name)
        }
        guard !Self.reserved.contains(name.lowercased()) else { throw .reservedHeader(name) }
        self.name = name
        self.value = EncodedWord.isPlain(value) ? value : EncodedWord.encode(value)
    }

    /// `List-Unsubscribe: <https://...>` (RFC 2369): mail programs show an unsubscribe button.
    public static func listUnsubscribe(_ url: String) throws(MailMessageError) -> MailHeader {
        try MailHeader("List-Unsubscribe", "<\(url)>")
    }

    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the button unsubscribes
    /// with one POST, without opening a page.
    public static var listUnsubscribePost: MailHeader {
        try! MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
    }
}
