import ArgumentParser
import BylineCore
import BylineMail
import BylineStore
import BylineWeb
import Foundation

/// `byline newsletter send|status`: email a live post to members who have not had it, and see
/// where a post's email stands.
struct NewsletterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsletter",
        abstract: "Send a post by email, or show how its email is going.",
        subcommands: [Send.self, Status.self])

    /// `byline newsletter send POST-SLUG`.
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Email a published post to the newsletter's confirmed subscribers who have not had it.",
            discussion: """
                The first send renders the email; later ones reach members who joined since, with the \
                same content. Without --no-wait the command sends the messages itself, showing \
                progress, sharing the work with any server running on the same database; with it, \
                the servers' delivery workers send them.
                """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var mail: MailOptions

        @Argument(help: "The post's slug (the last part of its URL).")
        var postSlug: String

        @Option(help: "The newsletter's slug (default: the one the post went to, else the site's first).")
        var newsletter: String?

        @Flag(name: .customLong("no-wait"), help: "Queue the deliveries and return; the servers send them.")
        var noWait = false

        @Option(help: "Messages sent at once (one SMTP connection each).")
        var concurrency: Int = 8

        @Option(
            name: .customLong("lease-seconds"),
            help: "How long deliveries this command holds wait, if it dies, before others send them.")
        var leaseSeconds: Int = 60

        @Option(
            name: .customLong("public-url"),
            help:
                "The site's public origin for links in the email (default: $BYLINE_PUBLIC_URL, else http://127.0.0.1:8080)."
        )
        var publicURL: String?

        func validate() throws {
            if !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be between 1 and 256") }
            if !(1...86400).contains(leaseSeconds) {
                throw ValidationError("--lease-seconds must be between 1 and 86400")
            }
        }

        func run() async throws {
            let origin = publicURL ?? ProcessInfo.processInfo.environment["BYLINE_PUBLIC_URL"]
            let opened = try await dataOptions.open()
            do {
                try await send(opened.store, origin: origin)
            } catch {
                await opened.close()
                if error is CLIError { throw error }
                throw CLIError("\(error)")
            }
            await opened.close()
        }

        private func send(_ store: SiteStore, origin: String?) async throws {
            guard case .found(let post) = try await store.publicPost(slug: postSlug) else {
                throw CLIError("no published post has the slug \(postSlug)")
            }
            let newsletterID = try await chooseNewsletter(for: post, store: store)
            let earlier = try await store.newsletterSends(postID: post.id).first { $0.newsletterID == newsletterID }
            // A first send is rendered here, with links to the site: a guessed origin would send
            // every member links to nowhere. A resend keeps the first send's content and origin.
            guard let origin = origin ?? earlier?.siteURL else {
                throw CLIError(
                    "give --public-url (or BYLINE_PUBLIC_URL), the site's public origin: the email's links point there")
            }
            let smtp = try mail.smtpConfiguration()
            if smtp == nil && !noWait {
                throw CLIError(
                    "no SMTP server: give --smtp-url or SMTP_URL, or --no-wait to leave the sending to the servers")
            }
            let clock = ContinuousClock()
            let enqueueStart = clock.now
            let started = try await NewsletterSendStarter(store: store, publicURL: origin)
                .start(postID: post.id, newsletterID: newsletterID)
            print(
                "enqueued \(started.enqueued) \(started.enqueued == 1 ? "delivery" : "deliveries") in \(Self.seconds(clock.now - enqueueStart)) s"
            )
            fflush(nil)
            guard let smtp, !noWait else { return }

            let from = try mail.sender(siteTitle: try await store.settings().title, origin: origin)
            let links = NewsletterLinks(key: try MemberLinkKey.loadOrCreate(dataFolder: dataOptions.data))
            let pool = SMTPConnectionPool(configuration: smtp, maxConnections: concurrency)
            let worker = NewsletterDeliveryWorker(
                queue: store, pool: pool,
                composer: NewsletterComposer(
                    from: from, messageIDDomain: MailOptions.messageIDDomain(from),
                    unsubscribeURL: links.composerLinks),
                settings: .init(concurrency: concurrency, lease: .seconds(leaseSeconds)))
            let before = try await store.deliveryProgress(sendID: started.send.id)
            let sendStart = clock.now
            var lastReport = clock.now
            var progress = before
            while true {
                let claimed: Int
                do {
                    claimed = try await worker.deliverBatch()
                } catch {
                    await pool.close()
                    throw error
                }
                // Counting a send of 100,000 takes a while: between batches only once a second.
                guard claimed == 0 || clock.now - lastReport >= .seconds(1) else { continue }
                progress = try await store.deliveryProgress(sendID: started.send.id)
                if clock.now - lastReport >= .seconds(1) {
                    lastReport = clock.now
                    Self.report(progress, sentSince: progress.sent - before.sent, elapsed: clock.now - sendStart)
                }
                if progress.isFinished { break }
                if claimed == 0 {
                    // Left: retries that are not due yet, or deliveries another node holds.
                    if progress.sending == 0 {
                        FileHandle.standardError.write(
                            Data(
                                "\(progress.queued) deliveries wait for a retry after a temporary failure; the servers' workers send them.\n"
                                    .utf8))
                        break
                    }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            await pool.close()
            let elapsed = clock.now - sendStart
            let sent = progress.sent - before.sent
            let rate = Double(sent) / max(Self.secondsValue(elapsed), 0.001)
            Self.report(progress, sentSince: sent, elapsed: elapsed)
            print(
                "sent \(sent), failed \(progress.failed - before.failed) in \(Self.seconds(elapsed)) s (\(Int(rate.rounded())) messages/s)"
            )
        }

        /// `--newsletter`, else the newsletter the post went or is to go to, else the first.
        private func chooseNewsletter(for post: Post, store: SiteStore) async throws -> Int64 {
            if let newsletter {
                guard let found = try await store.newsletter(slug: newsletter) else {
                    throw CLIError("no newsletter has the slug \(newsletter)")
                }
                return found.id
            }
            if let send = try await store.newsletterSends(postID: post.id).first { return send.newsletterID }
            if let chosen = try await store.emailNewsletterID(postID: post.id) { return chosen }
            guard let first = try await store.newsletters(includingInactive: false).first else {
                throw CLIError("the site has no newsletter yet: start the server once, or create one in the admin")
            }
            return first.id
        }

        static func report(_ progress: DeliveryProgress, sentSince: Int, elapsed: Duration) {
            let rate = Double(sentSince) / max(secondsValue(elapsed), 0.001)
            let line =
                "sent \(progress.sent)/\(progress.total) · waiting \(progress.queued + progress.sending) · failed \(progress.failed) · skipped \(progress.skipped) · \(Int(rate.rounded())) msg/s\n"
            FileHandle.standardError.write(Data(line.utf8))
        }

        static func secondsValue(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        static func seconds(_ duration: Duration) -> String { String(format: "%.3f", secondsValue(duration)) }
    }

    /// `byline newsletter status POST-SLUG`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a post's email deliveries by status.")

        @OptionGroup var dataOptions: DataOptions

        @Argument(help: "The post's slug.")
        var postSlug: String

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() async throws {
            let opened = try await dataOptions.open()
            do {
                try await show(opened.store)
            } catch {
                await opened.close()
                if error is CLIError { throw error }
                throw CLIError("\(error)")
            }
            await opened.close()
        }

        private func show(_ store: SiteStore) async throws {
            guard case .found(let post) = try await store.publicPost(slug: postSlug) else {
                throw CLIError("no published post has the slug \(postSlug)")
            }
            var progress = DeliveryProgress()
            for send in try await store.newsletterSends(postID: post.id) {
                let one = try await store.deliveryProgress(sendID: send.id)
                for status in DeliveryStatus.allCases { progress[status] += one[status] }
            }
            if json {
                var object: [String: Int] = ["total": progress.total]
                for status in DeliveryStatus.allCases { object[status.rawValue] = progress[status] }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(
                    "queued \(progress.queued), sending \(progress.sending), sent \(progress.sent), failed \(progress.failed), skipped \(progress.skipped), total \(progress.total)"
                )
            }
        }
    }
}
