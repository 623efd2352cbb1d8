import Foundation

/// Reads a received message back the way a mail program would, independently of the code that
/// wrote it: unfolded headers, RFC 2047 words decoded, and each MIME part's text decoded from
/// quoted-printable or base64.
struct ParsedMail {
    struct Part {
        let headers: [String: String]
        let text: String
    }

    /// Lower-cased names; values unfolded, raw (encoded-words left as they are).
    let headers: [String: String]
    let headerOrder: [String]
    let parts: [Part]

    init(_ raw: String) {
        let (headers, order, body) = Self.split(raw)
        self.headers = headers
        self.headerOrder = order
        let contentType = headers["content-type"] ?? "text/plain"
        if contentType.hasPrefix("multipart/"), let boundary = Self.parameter("boundary", in: contentType) {
            var parts: [Part] = []
            let sections = body.components(separatedBy: "--\(boundary)")
            for section in sections.dropFirst() where !section.hasPrefix("--") {
                // "\r\n" is one Character in Swift: drop one.
                let trimmed = section.hasPrefix("\r\n") ? String(section.dropFirst()) : section
                let (partHeaders, _, partBody) = Self.split(trimmed)
                parts.append(Part(headers: partHeaders, text: Self.decode(partBody, headers: partHeaders)))
            }
            self.parts = parts
        } else {
            self.parts = [Part(headers: headers, text: Self.decode(body, headers: headers))]
        }
    }

    /// A header's value with encoded-words decoded.
    func decoded(_ name: String) -> String? {
        headers[name.lowercased()].map(Self.decodeWords)
    }

    func part(_ type: String) -> Part? {
        parts.first { ($0.headers["content-type"] ?? "").hasPrefix(type) }
    }

    private static func split(_ raw: String) -> ([String: String], [String], String) {
        guard let end = raw.range(of: "\r\n\r\n") else { return ([:], [], raw) }
        var headers: [String: String] = [:]
        var order: [String] = []
        let unfolded = raw[..<end.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
            .replacingOccurrences(of: "\r\n\t", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            order.append(name)
        }
        return (headers, order, String(raw[end.upperBound...]))
    }

    private static func parameter(_ name: String, in value: String) -> String? {
        guard let range = value.range(of: "\(name)=") else { return nil }
        var rest = value[range.upperBound...]
        if rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return String(rest.prefix { $0 != ";" && $0 != " " })
    }

    private static func decode(_ body: String, headers: [String: String]) -> String {
        var body = body
        if body.hasSuffix("\r\n") { body.removeLast() }
        switch headers["content-transfer-encoding"]?.lowercased() {
        case "base64":
            let data = Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case "quoted-printable":
            return String(decoding: quotedPrintable(Array(body.utf8)), as: UTF8.self)
        default:
            return body
        }
    }

    private static func quotedPrintable(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < input.count, input[index + 1] == 13, input[index + 2] == 10 {
                    index += 3
                    continue
                }
                let hex = String(decoding: input[(index + 1)..<min(index + 3, input.count)], as: UTF8.self)
                output.append(UInt8(hex, radix: 16) ?? 0x3F)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    static func decodeWords(_ value: String) -> String {
        var result = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let between = rest[..<start.lowerBound]
            // Whitespace between two encoded-words is not part of the text (RFC 2047 6.2).
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { result += between }
            let afterStart = rest[start.upperBound...]
            let fields = afterStart.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let end = fields[2].range(of: "?=") else {
                result += rest[start.lowerBound...]
                return result
            }
            let encoded = String(fields[2][..<end.lowerBound])
            if fields[1].uppercased() == "B" {
                result += String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
            } else {
                let bytes = Array(encoded.replacingOccurrences(of: "_", with: " ").utf8)
                result += String(decoding: quotedPrintable(bytes), as: UTF8.self)
            }
            rest = fields[2][end.upperBound...]
            lastWasWord = true
        }
        return result + rest
    }
}
