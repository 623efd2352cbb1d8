import Foundation
import NIOCore

/// A message's content encoded once, ready for DATA: the MIME headers, a `text/plain` part and,
/// when given, a `text/html` part inside `multipart/alternative`, UTF-8, dot-stuffed with CRLF
/// line breaks. A newsletter prepares one and pairs it with 100,000 small header blocks, so the
/// HTML is never encoded again per recipient (the bytes are shared, not copied).
public struct MailBody: Sendable {
    /// From `MIME-Version` to the closing boundary, SMTP-ready.
    public let bytes: ByteBuffer

    /// Bytes already encoded for DATA (``MailBodyTemplate`` assembles them).
    init(encoded bytes: ByteBuffer) {
        self.bytes = bytes
    }

    /// `html` nil sends plain text alone.
    public init(text: String, html: String? = nil) {
        var out: [UInt8] = Array("MIME-Version: 1.0\r\n".utf8)
        if let html {
            // "=_" can appear in neither quoted-printable nor base64 output: no part can end early.
            let boundary = "=_byline_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            out += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
            out += Array("This is a multi-part message in MIME format.\r\n".utf8)
            for (type, content) in [("text/plain", text), ("text/html", html)] {
                out += Array("\r\n--\(boundary)\r\n".utf8)
                Self.appendPart(type: type, content: content, to: &out)
            }
            out += Array("\r\n--\(boundary)--\r\n".utf8)
        } else {
            Self.appendPart(type: "text/plain", content: text, to: &out)
        }
        var buffer = ByteBufferAllocator().buffer(capacity: out.count + 64)
        buffer.writeBytes(SMTPDataEncoding.encode(out))
        self.bytes = buffer
    }

    /// Quoted-printable for text that is mostly ASCII (readable, small), base64 when more than a
    /// third of it would need escaping (e.g. Cyrillic or Japanese), lines at most 76 characters.
    static func appendPart(type: String, content: String, to out: inout [UInt8]) {
        let needsEscaping = content.utf8.reduce(0) { $0 + (($1 >= 0x80 || $1 == UInt8(ascii: "=")) ? 1 : 0) }
        let useBase64 = needsEscaping * 3 > content.utf8.count
        out += Array("Content-Type: \(type); charset=utf-8\r\n".utf8)
        if useBase64 {
            out += Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8)
            out += Array(
                Data(content.utf8).base64EncodedData(options: [
                    .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                ]))
        } else {
            out += Array("Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += QuotedPrintable.encode(content)
        }
    }
}
