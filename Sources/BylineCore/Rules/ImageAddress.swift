/// Which addresses a feature image may have: a path on this site or an http(s) address. Anything
/// else (`javascript:`, `data:`, another scheme, `//host` without one) is refused when saved.
public enum ImageAddress {
    public static func problem(with address: String) -> String? {
        if address.isEmpty { return nil }
        if address.count > 2048 { return "is longer than 2,048 characters" }
        if address.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return "must not contain spaces"
        }
        let lower = address.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            return address.split(separator: "/", omittingEmptySubsequences: true).count >= 2
                ? nil : "needs a host name after http(s)://"
        }
        if address.hasPrefix("/"), !address.hasPrefix("//") { return nil }
        return "must be an http(s) address or a path on this site starting with /"
    }
}
