import BylineCore
import BylineMail
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting

/// Member emails through a real aiosmtpd: the mailer the test site sends with, and the links
/// read back out of what the SMTP server received.
enum MemberTestMail {
    static func mailer(_ server: SMTPTestServer) throws -> MemberMailer {
        var configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?tls=none")
        configuration.replyTimeout = .seconds(15)
        return MemberMailer(
            transport: .smtp(SMTPConnectionPool(configuration: configuration, maxConnections: 1)),
            from: try MailAddress("noreply@news.example", displayName: "Scoop Hub"))
    }

    /// The messages the server received for `address`, as a mail program reads them.
    static func mails(to address: String, on server: SMTPTestServer) throws -> [ParsedMail] {
        try server.received().filter { $0.meta.rcptTos.contains(address) }.map { ParsedMail($0.text) }
    }

    /// Waits (up to 5 s) until `address` has `count` messages and returns them.
    static func waitForMails(_ count: Int, to address: String, on server: SMTPTestServer) async throws
        -> [ParsedMail]
    {
        let deadline = Date().addingTimeInterval(5)
        while true {
            let mails = try mails(to: address, on: server)
            if mails.count >= count || Date() > deadline { return mails }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The token of the `path?token=` link in a message's plain-text part.
    static func token(in mail: ParsedMail, path: String) -> String? {
        let text = mail.part("text/plain")?.text ?? mail.parts.first?.text ?? ""
        guard let range = text.range(of: path + "?token=") else { return nil }
        let token = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return token.isEmpty ? nil : String(token)
    }
}

extension TestClientProtocol {
    /// A form POST as a browser on the site sends it (`Origin` of the site), with `cookie`.
    func memberPost(_ uri: String, _ fields: [(String, String)], cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Origin")!: "https://news.example"]
        if let cookie { headers[.cookie] = "\(SessionCookie.memberName)=\(cookie)" }
        return try await postForm(uri, fields, headers: headers)
    }
}

extension TestResponse {
    /// The value the response's `Set-Cookie` gives the member cookie.
    var memberCookie: String? {
        for field in headers[values: .setCookie] where field.hasPrefix(SessionCookie.memberName + "=") {
            let value = field.dropFirst(SessionCookie.memberName.count + 1).prefix { $0 != ";" }
            return String(value)
        }
        return nil
    }
}
