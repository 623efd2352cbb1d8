/// Makes message bytes safe to send after DATA (RFC 5321 4.5.2): every line break a CRLF, a line
/// starting with "." gets a second one, and the text ends with CRLF so ".CRLF" can follow.
/// Done once per prepared part, so sending does no per-byte work.
enum SMTPDataEncoding {
    static func encode(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 64)
        var atLineStart = true
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case 13, 10:
                output.append(contentsOf: [13, 10])
                atLineStart = true
                index += (byte == 13 && index + 1 < input.count && input[index + 1] == 10) ? 2 : 1
                continue
            case UInt8(ascii: ".") where atLineStart:
                output.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: ".")])
            default:
                output.append(byte)
            }
            atLineStart = false
            index += 1
        }
        if !atLineStart || output.isEmpty { output.append(contentsOf: [13, 10]) }
        return output
    }
}
