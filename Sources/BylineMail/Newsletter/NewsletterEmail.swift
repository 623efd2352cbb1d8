import BylineCore
import BylineStore
import Foundation

/// A post as a newsletter email: subject, HTML that reads well in common mail clients (one
/// centred column of tables with inline styles, which Outlook and Gmail keep, and a small
/// `<style>` for those that read it), and a plain-text part. Rendered once per send; each
/// member's unsubscribe link goes where ``NewsletterSend/unsubscribePlaceholder`` stands, on a
/// line of its own in both parts.
public struct NewsletterEmail: Sendable, Equatable {
    public var subject: String
    public var html: String
    public var text: String

    /// What the email says, prepared by the caller: links absolute, READ ALSO resolved.
    public struct Article: Sendable {
        public var title: String
        public var authorName: String
        /// As readers see it on the site, e.g. "18 May 2026".
        public var dateText: String
        public var readingMinutes: Int
        /// The rendered body, trusted HTML from the site's Markdown renderer.
        public var bodyHTML: String
        /// The body as plain text.
        public var bodyText: String
        /// A line or two for the inbox preview.
        public var excerpt: String
        public var url: String

        public init(
            title: String, authorName: String, dateText: String, readingMinutes: Int, bodyHTML: String,
            bodyText: String, excerpt: String, url: String
        ) {
            self.title = title
            self.authorName = authorName
            self.dateText = dateText
            self.readingMinutes = readingMinutes
            self.bodyHTML = bodyHTML
            self.bodyText = bodyText
            self.excerpt = excerpt
            self.url = url
        }
    }

    /// Who sends it.
    public struct Sender: Sendable {
        public var siteTitle: String
        public var siteURL: String
        public var newsletterName: String
        /// Where a member manages their newsletters.
        public var accountURL: String

        public init(siteTitle: String, siteURL: String, newsletterName: String, accountURL: String) {
            self.siteTitle = siteTitle
            self.siteURL = siteURL
            self.newsletterName = newsletterName
            self.accountURL = accountURL
        }
    }

    public init(subject: String, html: String, text: String) {
        self.subject = subject
        self.html = html
        self.text = text
    }

    public init(article: Article, sender: Sender) {
        let unsubscribe = NewsletterSend.unsubscribePlaceholder
        let e = HTMLEscape.escape
        let sans = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
        let serif = "Georgia,'Times New Roman',Times,serif"
        let byline = [article.authorName, article.dateText, "\(article.readingMinutes) min read"]
            .filter { !$0.isEmpty }.joined(separator: " · ")
        subject = article.title.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(e(article.title))</title>
            <style>
            .post-body p { margin: 0 0 18px; }
            .post-body h2, .post-body h3 { font-family: \(serif); line-height: 1.25; margin: 28px 0 12px; }
            .post-body img { max-width: 100%; height: auto; }
            .post-body blockquote { margin: 0 0 18px; padding-left: 16px; border-left: 3px solid #d0d0c8; color: #444444; }
            .post-body a { color: #a3261c; }
            @media (max-width: 480px) {
              .card td { padding-left: 18px !important; padding-right: 18px !important; }
            }
            @media (prefers-color-scheme: dark) {
              .page { background: #161616 !important; }
              .card { background: #202020 !important; color: #e8e8e3 !important; }
              .post-body blockquote { color: #c8c8c0 !important; }
            }
            </style>
            </head>
            <body style="margin:0;padding:0;background:#f3f2ee;">
            <div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">\(e(article.excerpt))</div>
            <table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f2ee;">
            <tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" class="card" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;color:#1b1b1b;border-radius:6px;">
            <tr><td style="padding:32px 28px 8px;font-family:\(sans);font-size:13px;letter-spacing:0.08em;text-transform:uppercase;color:#6b6b66;">\(e(sender.siteTitle)) · \(e(sender.newsletterName))</td></tr>
            <tr><td style="padding:0 28px;"><h1 style="margin:8px 0 12px;font-family:\(serif);font-size:30px;line-height:1.2;font-weight:700;"><a href="\(e(article.url))" style="color:inherit;text-decoration:none;">\(e(article.title))</a></h1></td></tr>
            <tr><td style="padding:0 28px 20px;font-family:\(sans);font-size:14px;color:#6b6b66;">\(e(byline))</td></tr>
            <tr><td class="post-body" style="padding:0 28px;font-family:\(serif);font-size:18px;line-height:1.6;">
            \(article.bodyHTML)
            </td></tr>
            <tr><td style="padding:12px 28px 32px;"><a href="\(e(article.url))" style="display:inline-block;padding:12px 20px;background:#a3261c;color:#ffffff;border-radius:4px;font-family:\(sans);font-size:15px;font-weight:600;text-decoration:none;">Read on \(e(sender.siteTitle))</a></td></tr>
            </table>
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;">
            <tr><td style="padding:20px 28px;font-family:\(sans);font-size:13px;line-height:1.6;color:#6b6b66;text-align:center;">
            You receive \(e(sender.newsletterName)) because you subscribed at <a href="\(e(sender.siteURL))" style="color:#6b6b66;">\(e(sender.siteTitle))</a>.<br>
            <a href="\(e(sender.accountURL))" style="color:#6b6b66;">Manage your newsletters</a> ·
            <a href="\(unsubscribe)" style="color:#6b6b66;">Unsubscribe</a>
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>
            """
        text = """
            \(article.title)
            \(byline)

            \(article.bodyText)

            Read it on \(sender.siteTitle): \(article.url)

            --
            You receive \(sender.newsletterName) because you subscribed at \(sender.siteTitle) (\(sender.siteURL)).
            Manage your newsletters: \(sender.accountURL)
            Unsubscribe with one click:
            \(unsubscribe)
            """
    }
}
