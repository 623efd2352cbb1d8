import BylineCore
import BylineMail
import Foundation
import Logging

/// Sends the emails a member asks for (signup confirmation, sign-in link, email change and its
/// notice to the old address) through the site's SMTP server, or, when the site has none
/// configured (`--smtp-url`, `SMTP_URL`), writes the link to the log: a fresh install can still
/// confirm and sign in by reading its own log.
public struct MemberMailer: Sendable {
    /// Where a message goes.
    public enum Transport: Sendable {
        case smtp(SMTPConnectionPool)
        /// No SMTP server: the link is logged at `notice` level instead of sent.
        case log
    }

    let transport: Transport
    /// The site's sender address, e.g. `Scoop Hub <noreply@news.example>`.
    let from: MailAddress
    let logger: Logger

    public init(transport: Transport, from: MailAddress, logger: Logger = Logger(label: "byline.members.mail")) {
        self.transport = transport
        self.from = from
        self.logger = logger
    }

    /// Whether messages really leave the server (false: they are logged).
    public var sendsMail: Bool {
        if case .smtp = transport { return true }
        return false
    }

    /// Mails one message carrying `link` to `address`; plain text with a short HTML part.
    func sendLink(to address: String, subject: String, introduction: String, link: String, domain: String)
        async throws
    {
        switch transport {
        case .log:
            logger.notice("no SMTP server configured: not sending \"\(subject)\" to \(address); its link: \(link)")
        case .smtp(let pool):
            let text = "\(introduction)\n\n\(link)\n\nIf you did not ask for this, ignore this email.\n"
            let html =
                "<p>\(HTMLEscape.escape(introduction))</p><p><a href=\"\(HTMLEscape.escape(link))\">"
                + "\(HTMLEscape.escape(link))</a></p><p>If you did not ask for this, ignore this email.</p>"
            let message = try MailMessage(
                from: from, to: [try MailAddress(address)], subject: subject, messageID: .generated(domain: domain),
                text: text, html: html)
            _ = try await pool.send(message)
        }
    }

    /// Mails a plain-text notice that carries no link (the old address's "your address was
    /// changed"); without SMTP, logs that it was not sent.
    func sendNotice(
        to address: String, subject: String, text: String, domain: String, extraHeaders: [MailHeader] = []
    ) async throws {
        switch transport {
        case .log:
            logger.notice("no SMTP server configured: not sending \"\(subject)\" to \(address)")
        case .smtp(let pool):
            let message = try MailMessage(
                from: from, to: [try MailAddress(address)], subject: subject, messageID: .generated(domain: domain),
                extraHeaders: extraHeaders, text: text + "\n")
            _ = try await pool.send(message)
        }
    }
}
