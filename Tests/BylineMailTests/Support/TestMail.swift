import BylineMail
import Foundation
import NIOCore
import NIOSSL

/// Messages and client settings the suites share.
enum TestMail {
    static let from = try! MailAddress("news@scoophub.example", displayName: "Scoop Hub — Nachrichten")
    static let text = """
        Dear reader,

        Grüße aus Köln: 東京の天気 is sunny.
        .this line starts with a dot
        ..and this one with two
        .
        Line with trailing space \("")
        """
    static let html = """
        <!doctype html><html><body><h1>Grüße</h1>
        <p>東京の天気 — a paragraph long enough to need a soft line break in quoted-printable, \
        because it goes on and on past seventy-six characters.</p>
        .dot at the start of an HTML line
        </body></html>
        """

    static func message(
        to address: String = "reader@example.org", subject: String = "Ünïcode subject: Putin must face consequences",
        id: String? = nil, body: MailBody? = nil
    ) throws -> MailMessage {
        try MailMessage(
            from: from, to: [MailAddress(address, displayName: "Reader Näme")], subject: subject,
            date: Date(timeIntervalSince1970: 1_780_000_000),
            messageID: MessageID(id ?? "post-1.member-\(UUID().uuidString.prefix(8))@scoophub.example"),
            extraHeaders: [
                MailHeader.listUnsubscribe("https://scoophub.example/members/unsubscribe?token=abc"),
                MailHeader.listUnsubscribePost,
            ],
            body: body ?? MailBody(text: text, html: html))
    }

    /// `smtp://...` for a test server, trusting its certificate when it has one.
    static func configuration(_ url: String, server: SMTPTestServer) throws -> SMTPConfiguration {
        var configuration = try SMTPConfiguration(url: url)
        configuration.replyTimeout = .seconds(15)
        if let certificate = server.certificatePath {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(certificate)
            configuration.tls = tls
        }
        return configuration
    }

    /// The bytes a server stores for `rendered`: as sent, without the dot-stuffing.
    static func unstuffed(_ rendered: RenderedMail) -> [UInt8] {
        let text = String(decoding: rendered.bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").map { $0.hasPrefix("..") ? String($0.dropFirst()) : $0 }
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// Text as a decoded part holds it: CRLF line breaks.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }
}
