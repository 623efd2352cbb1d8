import BylineCore
import BylineMail
import BylineMarkdown
import BylineStore
import Foundation

/// Starts a post's newsletter send: renders the email once (``NewsletterEmail``), stores it as
/// the send, and queues one delivery per confirmed subscriber who has not had the post. The
/// ``NewsletterSendJob`` that publishing queues runs it on some node; `byline newsletter send`
/// runs it to reach members who joined since (the send's content stays as first rendered).
public struct NewsletterSendStarter: Sendable {
    public typealias Storage = SettingsStore & PublicReading & PostWriting & MemberStore & NewsletterDeliveryQueue

    let store: any Storage
    /// The site's public origin, e.g. `https://news.example`: links in emails are absolute.
    let publicURL: String
    /// For the gate's archive rule, as the site reads it.
    let clock: any WallClock

    public init(store: any Storage, publicURL: String, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// What ``start(postID:newsletterID:)`` did.
    public struct Started: Sendable {
        public var send: NewsletterSend
        /// Deliveries this call queued (0 when everyone had it already).
        public var enqueued: Int
    }

    /// Refuses a post that is not live and a newsletter that does not exist.
    public func start(postID: Int64, newsletterID: Int64) async throws -> Started {
        guard let post = try await store.post(id: postID) else { throw StoreError.notFound("post \(postID)") }
        guard post.status == .published else {
            throw StoreError.invalidInput("“\(post.title)” is not published: only live posts are emailed")
        }
        guard let newsletter = try await store.newsletter(id: newsletterID) else {
            throw StoreError.notFound("newsletter \(newsletterID)")
        }
        let send: NewsletterSend
        if let existing = try await store.newsletterSends(postID: postID).first(where: {
            $0.newsletterID == newsletterID
        }) {
            send = existing
        } else {
            guard newsletter.active else {
                throw StoreError.invalidInput("the newsletter “\(newsletter.name)” is inactive: nothing is sent to it")
            }
            let email = try await render(post, newsletterName: newsletter.name)
            send = try await store.createNewsletterSend(
                postID: postID, newsletterID: newsletterID, subject: email.subject, html: email.html, text: email.text,
                siteURL: publicURL)
        }
        return Started(send: send, enqueued: try await store.enqueueDeliveries(sendID: send.id))
    }

    /// The job handler for ``NewsletterSendJob``: safe to run again (the send is made once, and
    /// deliveries are unique per member).
    /// It goes by the post as it is when the job runs: one taken down, or whose choice was
    /// dropped meanwhile, is not emailed (publishing it again with a choice queues the job
    /// again); one whose choice changed goes to the newsletter chosen now.
    public var jobHandler: JobHandler {
        { job in
            let payload = try JSONDecoder().decode(NewsletterSendJob.Payload.self, from: Data(job.payload.utf8))
            guard try await store.post(id: payload.postID)?.status == .published,
                let newsletterID = try await store.emailNewsletterID(postID: payload.postID)
            else { return }
            _ = try await start(postID: payload.postID, newsletterID: newsletterID)
        }
    }

    /// The post as an email for `audience`, links made absolute and READ ALSO resolved as on
    /// the site. It goes through the gate like every channel: the recipients of a send are
    /// confirmed members, who read members-only and (until paid tiers exist) paid posts in full;
    /// a recipient the gate keeps out would get the preview and a link to the article.
    public func render(_ stored: Post, newsletterName: String, audience: Audience = .member) async throws
        -> NewsletterEmail
    {
        let settings = try await store.settings()
        let gated = GatedPost.apply(stored, for: audience, settings: settings.gate, now: clock.now())
        let post = gated.post
        let url = publicURL + SiteRoute.canonicalPath(.post(slug: post.slug))
        // Site-relative first: absoluteLinks then points these and the body's own links at the site.
        var bodyHTML = try await ResolvedBody.html(post, store: store)
        var bodyText = Self.plainText(post.body.markdown)
        if gated.isLocked {
            let note = "The rest of this article is for subscribers: read it on \(settings.title)"
            let link = HTMLEscape.escape(url)
            bodyHTML += "\n<p><em>\(HTMLEscape.escape(note)): <a href=\"\(link)\">\(link)</a></em></p>"
            bodyText = post.excerpt + "\n\n" + note + ": " + url
        }
        let dates = DateText(timeZone: settings.timeZone)
        let article = NewsletterEmail.Article(
            title: post.title, authorName: post.author.name, dateText: post.publishedAt.map(dates.display) ?? "",
            readingMinutes: post.readingMinutes, bodyHTML: absoluteLinks(bodyHTML), bodyText: bodyText,
            excerpt: post.excerpt, url: url)
        let sender = NewsletterEmail.Sender(
            siteTitle: settings.title, siteURL: publicURL + "/", newsletterName: newsletterName,
            accountURL: publicURL + "/members/account")
        return NewsletterEmail(article: article, sender: sender)
    }

    /// Site-relative links and images pointed at the site: a mail client has no base URL.
    func absoluteLinks(_ html: String) -> String {
        html.replacingOccurrences(of: "href=\"/", with: "href=\"\(publicURL)/")
            .replacingOccurrences(of: "src=\"/", with: "src=\"\(publicURL)/")
    }

    /// The Markdown source reads as plain text already; READ ALSO directives become a line
    /// that says what they are, and the editor's preview cut (`<!--more-->`) goes.
    static func plainText(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            if let title = ReadAlsoDirective.title(in: line) { return "READ ALSO: \(title)" }
            return PreviewCutDirective.isCut(line) ? nil : String(line)
        }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
