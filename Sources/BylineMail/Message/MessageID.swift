import Foundation

/// A Message-ID (`<left@right>`). Newsletters pass a stable one per (post, member), so a copy sent
/// again after a crash is recognisable as the same message; otherwise one is generated.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// Without the angle brackets.
    public let value: String

    /// `value` like `post-42.member-7@news.example` (angle brackets optional).
    public init(_ value: String) throws(MailMessageError) {
        try HeaderText.requireSingleLine(value, field: "Message-ID")
        var inner = Substring(value)
        if inner.hasPrefix("<") && inner.hasSuffix(">") { inner = inner.dropFirst().dropLast() }
        let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            inner.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { throw .badMessageID(value) }
        self.value = String(inner)
    }

    /// A new unique ID at `domain` (use the site's domain).
    public static func generated(domain: String) -> MessageID {
        let host = domain.isEmpty ? "byline.invalid" : domain
        return (try? MessageID("\(UUID().uuidString.lowercased())@\(host)"))
            ?? (try! MessageID("\(UUID().uuidString.lowercased())@byline.invalid"))
    }

    public var description: String { "<\(value)>" }
}
