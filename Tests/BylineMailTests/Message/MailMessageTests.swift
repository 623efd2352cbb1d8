import BylineMail
import Foundation
import Testing

@Suite struct MailMessageTests {
    @Test func headersAreEncodedAndComplete() throws {
        let rendered = try TestMail.message(id: "post-42.member-7@scoophub.example").rendered()
        let raw = String(decoding: rendered.bytes, as: UTF8.self)
        let mail = ParsedMail(raw)
        #expect(mail.headers["date"] == "Thu, 28 May 2026 20:26:40 +0000")
        #expect(mail.headers["message-id"] == "<post-42.member-7@scoophub.example>")
        #expect(mail.decoded("From") == "Scoop Hub — Nachrichten <news@scoophub.example>")
        #expect(mail.decoded("To") == "Reader Näme <reader@example.org>")
        #expect(mail.decoded("Subject") == "Ünïcode subject: Putin must face consequences")
        #expect(mail.headers["list-unsubscribe"] == "<https://scoophub.example/members/unsubscribe?token=abc>")
        #expect(mail.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
        #expect(mail.headers["mime-version"] == "1.0")
        #expect(mail.headers["content-type"]?.hasPrefix("multipart/alternative; boundary=") == true)
        #expect(rendered.envelope.sender == "news@scoophub.example")
        #expect(rendered.envelope.recipients == ["reader@example.org"])
    }

    @Test func partsDecodeBackToTheOriginalText() throws {
        let rendered = try TestMail.message().rendered()
        let mail = ParsedMail(String(decoding: TestMail.unstuffed(rendered), as: UTF8.self))
        #expect(mail.part("text/plain")?.text == TestMail.crlf(TestMail.text))
        #expect(mail.part("text/html")?.text == TestMail.crlf(TestMail.html))
    }

    @Test func linesStayShortAndEveryBreakIsCRLF() throws {
        let long = String(repeating: "Grüße aus Köln und Umgebung, ", count: 40)
        let rendered = try TestMail.message(subject: long, body: MailBody(text: long, html: "<p>\(long)</p>"))
            .rendered()
        let bytes = rendered.bytes
        for (index, byte) in bytes.enumerated() where byte == 10 {
            #expect(index > 0 && bytes[index - 1] == 13, "bare LF at \(index)")
        }
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "line too long: \(line.prefix(40))...")
        }
        let mail = ParsedMail(String(decoding: TestMail.unstuffed(rendered), as: UTF8.self))
        #expect(mail.decoded("Subject") == long)
        #expect(mail.part("text/plain")?.text == long)
    }

    @Test func nonLatinTextGoesBase64() throws {
        let japanese = String(repeating: "東京の天気は晴れです。", count: 20)
        let rendered = try TestMail.message(body: MailBody(text: japanese, html: nil)).rendered()
        let mail = ParsedMail(String(decoding: rendered.bytes, as: UTF8.self))
        #expect(mail.headers["content-transfer-encoding"] == "base64")
        #expect(mail.parts.first?.text == japanese)
    }

    @Test func dotStuffingDoublesALeadingDot() throws {
        let rendered = try TestMail.message(body: MailBody(text: ".hidden\n..two\nplain", html: nil)).rendered()
        let lines = String(decoding: rendered.bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.contains("..hidden"))
        #expect(lines.contains("...two"))
        #expect(!lines.contains(".hidden"))
        let mail = ParsedMail(String(decoding: TestMail.unstuffed(rendered), as: UTF8.self))
        #expect(mail.parts.first?.text == ".hidden\r\n..two\r\nplain")
    }

    @Test func headerInjectionIsRefused() throws {
        #expect(throws: MailMessageError.lineBreakInHeader(field: "Subject")) {
            try TestMail.message(subject: "Hello\r\nBcc: victim@example.org")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "Subject")) {
            try TestMail.message(subject: "Hello\nBcc: victim@example.org")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "display name")) {
            try MailAddress("a@example.org", displayName: "Eve\r\nBcc: victim@example.org")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "address")) {
            try MailAddress("a@example.org\r\nRCPT TO:<victim@example.org>")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "List-Unsubscribe")) {
            try MailHeader.listUnsubscribe("https://x.example/\r\nBcc: victim@example.org")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "Message-ID")) {
            try MessageID("a@b\r\nBcc: victim@example.org")
        }
        #expect(throws: MailMessageError.badAddress("a b@example.org")) { try MailAddress("a b@example.org") }
        #expect(throws: MailMessageError.badAddress("<a@example.org>")) { try MailAddress("<a@example.org>") }
        #expect(throws: MailMessageError.badHeaderName("X Bad")) { try MailHeader("X Bad", "v") }
        #expect(throws: MailMessageError.reservedHeader("Bcc")) { try MailHeader("Bcc", "v@example.org") }
    }

    @Test func displayNamesAreQuotedWhenTheyNeedIt() throws {
        #expect(
            try MailAddress("a@example.org", displayName: "Okafor, Ed").description == "\"Okafor, Ed\" <a@example.org>")
        #expect(
            try MailAddress("a@example.org", displayName: "Ed \"the\" Editor").description
                == "\"Ed \\\"the\\\" Editor\" <a@example.org>")
        #expect(try MailAddress("a@example.org", displayName: "Scoop Hub").description == "Scoop Hub <a@example.org>")
        #expect(try MailAddress("a@example.org").description == "<a@example.org>")
    }

    @Test func aNewsletterSharesItsBodyAcrossRecipients() throws {
        let body = MailBody(text: TestMail.text, html: TestMail.html)
        let first = try TestMail.message(to: "one@example.org", id: "p1.m1@s.example", body: body).rendered()
        let second = try TestMail.message(to: "two@example.org", id: "p1.m2@s.example", body: body).rendered()
        #expect(first.body == second.body)
        #expect(first.header != second.header)
        #expect(String(decoding: second.header.readableBytesView, as: UTF8.self).contains("<p1.m2@s.example>"))
    }

    @Test func generatedMessageIDsAreUnique() {
        let ids = Set((0..<100).map { _ in MessageID.generated(domain: "scoophub.example").value })
        #expect(ids.count == 100)
        #expect(ids.allSatisfy { $0.hasSuffix("@scoophub.example") })
    }
}
