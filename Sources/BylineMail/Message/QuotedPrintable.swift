/// Quoted-printable (RFC 2045 6.7) for text parts that are mostly ASCII: readable in the raw
/// message, lines of at most 76 characters, CRLF line breaks kept as hard breaks.
enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes UTF-8 text; every line break in `text` (LF, CR or CRLF) becomes a CRLF.
    static func encode(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 8)
        var lineLength = 0
        var index = 0
        func softBreak() {
            output.append(contentsOf: [UInt8(ascii: "="), 13, 10])
            lineLength = 0
        }
        while index < input.count {
            let byte = input[index]
            if byte == 13 || byte == 10 {
                output.append(contentsOf: [13, 10])
                lineLength = 0
                index += (byte == 13 && index + 1 < input.count && input[index + 1] == 10) ? 2 : 1
                continue
            }
            let nextIsLineEnd = index + 1 == input.count || input[index + 1] == 13 || input[index + 1] == 10
            // Trailing space or tab would be lost in transit: encode it. A leading "." stays as it
            // is; SMTP's dot-stuffing protects it.
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !nextIsLineEnd)
            let width = literal ? 1 : 3
            // Keep room for the soft break's "=" unless this is the line's last character.
            if lineLength + width > (nextIsLineEnd ? 76 : 75) { softBreak() }
            if literal {
                output.append(byte)
            } else {
                output.append(contentsOf: [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            lineLength += width
            index += 1
        }
        return output
    }
}
