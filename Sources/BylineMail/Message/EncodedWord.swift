import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?B?...?=`) for display names and subjects with non-ASCII
/// letters, split into words of at most 75 characters on whole characters and folded onto
/// continuation lines, so every header line stays short and a multi-byte letter is never cut.
enum EncodedWord {
    /// The longest encoded-word RFC 2047 allows.
    static let maxWordLength = 75
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// Whether `text` can go into a header as it is (printable ASCII that cannot be mistaken for
    /// an encoded-word).
    static func isPlain(_ text: String) -> Bool {
        HeaderText.isPrintableASCII(text) && !text.contains("=?")
    }

    /// `text` as encoded-words separated by folding whitespace (CRLF SP); `used` is what the first
    /// line already holds (`Subject: `), so it too stays within 78 characters.
    static func encode(_ text: String, used: Int = 0) -> String {
        // 4 base64 characters carry 3 bytes: 75 - 12 framing leaves 63 base64 characters, 45 bytes.
        let framing = prefix.count + suffix.count
        let maxBytes = (maxWordLength - framing) / 4 * 3
        let firstMaxBytes = max(3, min(maxWordLength, 78 - used) - framing) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > (words.isEmpty ? firstMaxBytes : maxBytes), !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk.removeAll(keepingCapacity: true)
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
        }
        return words.joined(separator: "\r\n ")
    }

    /// An unstructured header value (Subject): as is and folded when plain, else encoded.
    static func unstructured(_ text: String, used: Int) -> String {
        isPlain(text) && text.split(separator: " ").allSatisfy({ $0.utf8.count < 900 })
            ? HeaderText.fold(text, used: used) : encode(text, used: used)
    }
}
