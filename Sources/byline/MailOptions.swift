import ArgumentParser
import BylineMail
import Foundation

/// How a command reaches an SMTP server: `--smtp-url` or `SMTP_URL`, and the sender.
struct MailOptions: ParsableArguments {
    @Option(
        name: .customLong("smtp-url"),
        help:
            "SMTP server for member emails and newsletters, smtp://user:pass@host:port (default: $SMTP_URL; none: emailed links are logged, not sent)."
    )
    var smtpURL: String?

    @Option(
        name: .customLong("mail-from"),
        help: "Sender address of member emails (default: $MAIL_FROM, else noreply@ the public URL's host).")
    var mailFrom: String?

    /// The server to send through; nil when none is configured.
    func smtpConfiguration() throws -> SMTPConfiguration? {
        guard let url = smtpURL ?? ProcessInfo.processInfo.environment["SMTP_URL"], !url.isEmpty else { return nil }
        do {
            return try SMTPConfiguration(url: url)
        } catch {
            throw CLIError("--smtp-url: \(error)")
        }
    }

    /// The From address: the option, `MAIL_FROM`, else noreply@ the origin's host, named after the site.
    func sender(siteTitle: String, origin: String) throws -> MailAddress {
        var host = URL(string: origin)?.host ?? "localhost"
        // An address literal makes no mail domain (a site served by IP, on a laptop).
        if host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) { host = "localhost" }
        let address =
            mailFrom ?? ProcessInfo.processInfo.environment["MAIL_FROM"]
            ?? "noreply@\(host.contains(".") ? host : host + ".invalid")"
        do {
            return try MailAddress(address, displayName: siteTitle)
        } catch {
            throw CLIError("--mail-from: \(error)")
        }
    }

    /// The right-hand side of Message-IDs: the sender's domain.
    static func messageIDDomain(_ from: MailAddress) -> String {
        String(from.address.split(separator: "@").last ?? "localhost")
    }
}
