/// Percent-encoding of one URL path segment (RFC 3986): how slugs in scripts without an ASCII
/// form ("東京") appear in links, and how request paths are read back.
enum PathSegment {
    /// `text` with every byte but the unreserved ASCII characters (letters, digits, `-._~`)
    /// encoded as `%XX`, uppercase hex; ASCII slugs come back unchanged.
    static func encode(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isUnreserved) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count * 3)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(Character(Unicode.Scalar(byte)))
            } else {
                output.append("%")
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }

    /// The decoded segment; nil for a malformed escape or bytes that are not UTF-8.
    static func decode(_ segment: Substring) -> String? {
        guard segment.utf8.contains(0x25) else { return String(segment) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
