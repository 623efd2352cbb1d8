/// Escapes text for HTML element content and quoted attribute values.
///
/// Mustache escapes template variables itself; this is for HTML that Byline builds in code
/// (post bodies), where a hand-written escaper is smaller than any dependency that offers one.
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        // Bytes, not Characters: the five special characters are ASCII, and UTF-8 never uses
        // ASCII bytes inside a multi-byte sequence, so byte-wise escaping is exact and fast.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
