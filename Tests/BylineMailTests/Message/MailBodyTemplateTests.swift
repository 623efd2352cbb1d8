import BylineMail
import Foundation
import Testing

/// A body encoded once with per-recipient lines left open decodes, per recipient, to exactly
/// the text with the value in place (escaped in HTML), and stays SMTP-safe (dot-stuffed, CRLF,
/// short lines) however long the value.
@Suite struct MailBodyTemplateTests {
    static let placeholder = "%%unsubscribe%%"
    static let text = TestMail.text + "\nUnsubscribe:\n" + placeholder + "\n.last line starts with a dot"
    static let html = TestMail.html + "\n<a href=\"" + placeholder + "\">Unsubscribe</a>\n<p>end</p>"

    static func decoded(_ body: MailBody) throws -> ParsedMail {
        let message = try TestMail.message(body: body)
        return ParsedMail(String(decoding: TestMail.unstuffed(message.rendered()), as: UTF8.self))
    }

    @Test func eachCopyDecodesToTheTextWithItsOwnValue() throws {
        let template = MailBodyTemplate(text: Self.text, html: Self.html, placeholder: Self.placeholder)
        for value in ["https://news.example/u?token=1.2.abc&x=<y>", String(repeating: "long-", count: 40)] {
            let mail = try Self.decoded(template.body(replacingWith: value))
            #expect(
                mail.part("text/plain")?.text
                    == TestMail.crlf(Self.text.replacingOccurrences(of: Self.placeholder, with: value)) + "\r\n")
            let escaped = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            #expect(
                mail.part("text/html")?.text
                    == TestMail.crlf(Self.html.replacingOccurrences(of: Self.placeholder, with: escaped)) + "\r\n")
        }
    }

    @Test func copiesAreSMTPSafe() throws {
        let template = MailBodyTemplate(text: Self.text, html: Self.html, placeholder: Self.placeholder)
        let bytes = Array(template.body(replacingWith: String(repeating: "x", count: 300)).bytes.readableBytesView)
        for (index, byte) in bytes.enumerated() where byte == 10 {
            #expect(index > 0 && bytes[index - 1] == 13, "bare LF at \(index)")
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        for line in lines { #expect(line.utf8.count <= 78, "line too long: \(line.prefix(40))...") }
        // The dot-started source lines went out stuffed (a lone "." would end the message).
        #expect(lines.contains("..last line starts with a dot"))
        #expect(!lines.contains("."))
    }
}
