/// Checks shared by every header field: one place decides what a header value may contain.
enum HeaderText {
    /// Refuses CR and LF (and NUL) anywhere in a header value: the only way to inject a header.
    static func requireSingleLine(_ value: String, field: String) throws(MailMessageError) {
        for byte in value.utf8 where byte == 13 || byte == 10 || byte == 0 {
            throw .lineBreakInHeader(field: field)
        }
    }

    static func isPrintableASCII(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Folds an unstructured ASCII value at spaces so lines stay within 78 characters where the
    /// words allow (RFC 5322 2.1.1); `used` is what the line already holds (`Name: `).
    static func fold(_ value: String, used: Int) -> String {
        if used + value.utf8.count <= 78 { return value }
        var result = ""
        var lineLength = used
        for (index, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                if lineLength + 1 + word.utf8.count > 78 && lineLength > 1 {
                    result += "\r\n "
                    lineLength = 1
                } else {
                    result += " "
                    lineLength += 1
                }
            }
            result += word
            lineLength += word.utf8.count
        }
        return result
    }
}
