import BylineCore
import Foundation
import NIOCore

/// A ``MailBody`` encoded once with a few per-recipient lines left open: a newsletter's HTML and
/// text are encoded for 100,000 members in one go, and each member's copy re-encodes only the
/// lines holding the placeholder (their unsubscribe link).
///
/// Both parts are quoted-printable, which encodes line by line, so a line can be encoded on its
/// own; the placeholder must therefore sit on a line of its own text (with whatever markup
/// surrounds it on that line).
public struct MailBodyTemplate: Sendable {
    enum Segment: Sendable {
        /// SMTP-ready bytes shared by every copy.
        case fixed([UInt8])
        /// A source line holding the placeholder, as the text around each occurrence; in the
        /// HTML part the value is escaped.
        case slot(around: [String], isHTML: Bool)
    }

    let segments: [Segment]
    public let placeholder: String
    /// Bytes of the fixed segments: a copy's size less its slots.
    let fixedByteCount: Int

    public init(text: String, html: String?, placeholder: String) {
        precondition(!placeholder.isEmpty && !placeholder.contains("\n"), "a placeholder is one non-empty line")
        var segments: [Segment] = []
        var pending: [UInt8] = Array("MIME-Version: 1.0\r\n".utf8)
        func flush() {
            if !pending.isEmpty { segments.append(.fixed(SMTPDataEncoding.encode(pending))) }
            pending = []
        }
        func appendPart(type: String, content: String) {
            pending += Array("Content-Type: \(type); charset=utf-8\r\n".utf8)
            pending += Array("Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            var chunk: [Substring] = []
            func encodeChunk() {
                guard !chunk.isEmpty else { return }
                pending += QuotedPrintable.encode(chunk.joined(separator: "\n")) + [13, 10]
                chunk = []
            }
            for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = line.hasSuffix("\r") ? line.dropLast() : line
                if line.contains(placeholder) {
                    encodeChunk()
                    flush()
                    let around = String(line).components(separatedBy: placeholder)
                    segments.append(.slot(around: around, isHTML: type == "text/html"))
                } else {
                    chunk.append(line)
                }
            }
            encodeChunk()
        }
        if let html {
            let boundary = "=_byline_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            pending += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
            pending += Array("This is a multi-part message in MIME format.\r\n".utf8)
            for (type, content) in [("text/plain", text), ("text/html", html)] {
                pending += Array("\r\n--\(boundary)\r\n".utf8)
                appendPart(type: type, content: content)
            }
            pending += Array("\r\n--\(boundary)--\r\n".utf8)
        } else {
            appendPart(type: "text/plain", content: text)
        }
        flush()
        self.segments = segments
        self.placeholder = placeholder
        self.fixedByteCount = segments.reduce(0) { total, segment in
            if case .fixed(let bytes) = segment { return total + bytes.count }
            return total
        }
    }

    /// One recipient's body: the placeholder replaced by `value`, HTML-escaped in the HTML part
    /// (a line break in it becomes a space).
    public func body(replacingWith value: String) -> MailBody {
        let value =
            value.utf8.contains(where: { $0 == 13 || $0 == 10 })
            ? value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") : value
        var buffer = ByteBufferAllocator().buffer(capacity: fixedByteCount + 512)
        for segment in segments {
            switch segment {
            case .fixed(let bytes):
                buffer.writeBytes(bytes)
            case .slot(let around, let isHTML):
                let filled = around.joined(separator: isHTML ? HTMLEscape.escape(value) : value)
                buffer.writeBytes(SMTPDataEncoding.encode(QuotedPrintable.encode(filled) + [13, 10]))
            }
        }
        return MailBody(encoded: buffer)
    }
}
