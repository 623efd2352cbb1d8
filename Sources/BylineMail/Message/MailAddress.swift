/// An email address with an optional display name, as in `"Scoop Hub" <news@scoophub.example>`.
/// Checked when made, so everything built from it (headers, MAIL FROM, RCPT TO) is safe to write.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, ASCII (this client does not speak SMTPUTF8).
    public let address: String
    /// Shown by mail programs; any Unicode (encoded per RFC 2047 when not plain ASCII).
    public let displayName: String?

    public init(_ address: String, displayName: String? = nil) throws(MailMessageError) {
        try HeaderText.requireSingleLine(address, field: "address")
        if let displayName { try HeaderText.requireSingleLine(displayName, field: "display name") }
        guard Self.isUsable(address) else { throw .badAddress(address) }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The header form: `Name <address>`, the name quoted or encoded as needed.
    public var description: String {
        guard let displayName else { return "<\(address)>" }
        return "\(Self.phrase(displayName)) <\(address)>"
    }

    /// A display name as a header phrase: atoms as they are, other ASCII quoted, the rest encoded.
    static func phrase(_ name: String) -> String {
        guard EncodedWord.isPlain(name) else { return EncodedWord.encode(name) }
        let atomSpecials = Set("()<>[]:;@\\,.\"")
        if !name.contains(where: { atomSpecials.contains($0) }) { return name }
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    private static func isUsable(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1
        else { return false }
        // Printable ASCII without space, angle brackets, parentheses or a comma: what can stand
        // between < and > in a header and in an SMTP command without quoting.
        let forbidden: Set<UInt8> = Set("<>(),;:\\\"[] ".utf8)
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }
            && !bytes[(at + 1)...].contains(UInt8(ascii: "@"))
    }
}
