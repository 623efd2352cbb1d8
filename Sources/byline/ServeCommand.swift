import ArgumentParser
import BylineCore
import BylineImport
import BylineMail
import BylineStore
import BylineWeb
import Foundation
import Hummingbird
import Logging

/// `byline serve`: serves the site until SIGTERM or SIGINT, then shuts down gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Flag(help: "Fill an empty data folder with the demo site \"Scoop Hub\".")
    var demo = false

    @Option(
        name: .customLong("public-url"),
        help: "The site's public origin for canonical links (default http://HOST:PORT).")
    var publicURL: String?

    @Option(name: .customLong("theme"), help: "Theme folder (default: Themes/default shipped with Byline).")
    var themeDirectory: String?

    @Option(name: .customLong("page-cache-mb"), help: "Memory for rendered pages, in MiB.")
    var pageCacheMegabytes: Int = 64

    @Flag(name: .customLong("no-page-cache"), help: "Render every request (for benchmarks and debugging).")
    var noPageCache = false

    @Option(
        name: .customLong("metrics-token"),
        help:
            "Bearer token that lets non-loopback clients read /metrics (default: $BYLINE_METRICS_TOKEN; none: loopback only)."
    )
    var metricsToken: String?

    @Option(
        name: .customLong("job-lease-seconds"),
        help: "How long a claimed background job is held without news before another node may take it over.")
    var jobLeaseSeconds: Int = 60

    @OptionGroup var mail: MailOptions

    @Option(
        name: .customLong("newsletter-concurrency"),
        help: "Newsletter messages this node sends at once (one SMTP connection each).")
    var newsletterConcurrency: Int = 8

    func validate() throws {
        if !(1...86400).contains(jobLeaseSeconds) {
            throw ValidationError("--job-lease-seconds must be between 1 and 86400")
        }
        if !(1...65536).contains(pageCacheMegabytes) {
            throw ValidationError("--page-cache-mb must be between 1 and 65536")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !(1...256).contains(newsletterConcurrency) {
            throw ValidationError("--newsletter-concurrency must be between 1 and 256")
        }
    }

    func run() async throws {
        var logger = Logger(label: "byline")
        logger.logLevel = .info
        let opened = try await dataOptions.open()
        do {
            try await serve(opened, logger: logger)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    private func serve(_ opened: OpenedStore, logger: Logger) async throws {
        let store = opened.store
        if demo {
            guard let directory = DemoSite.defaultDirectory(locate: ResourceLocator.find) else {
                throw CLIError("cannot find the demo articles (Demo/articles); set BYLINE_DEMO_DIR")
            }
            let results = try await DemoSite(store: store).installIfEmpty(articlesDirectory: directory)
            for case .failed(let path, let reason) in results {
                throw CLIError("demo article \(path) does not import: \(reason)")
            }
            if !results.isEmpty { logger.info("demo site installed: \(results.count) articles") }
        }
        // Signup always has a newsletter to subscribe to: a site without one gets one named
        // after it (a site, or the demo, that made its own keeps them).
        _ = try await store.ensureDefaultNewsletter(name: try await store.settings().title)

        guard let themePath = themeDirectory ?? Theme.defaultDirectory() else {
            throw CLIError("cannot find the theme (Themes/default); set BYLINE_THEME_DIR or pass --theme")
        }
        let theme: Theme
        do {
            theme = try await Theme(directory: themePath)
        } catch {
            throw CLIError("\(error)")
        }
        guard let adminThemePath = AdminTheme.defaultDirectory() else {
            throw CLIError("cannot find the newsroom's templates (Themes/admin); set BYLINE_ADMIN_THEME_DIR")
        }
        let adminTheme: AdminTheme
        do {
            adminTheme = try await AdminTheme(directory: adminThemePath)
        } catch {
            throw CLIError("\(error)")
        }
        let demoSignIn = demo ? try await DemoOwner.ensure(store: store) : nil
        let origin = publicURL ?? "http://\(host):\(port)"
        let from = try mail.sender(siteTitle: try await store.settings().title, origin: origin)
        let smtp = try mail.smtpConfiguration()
        let mailer = memberMailer(from: from, smtp: smtp, logger: logger)
        let linkKey: MemberLinkKey
        do {
            linkKey = try MemberLinkKey.loadOrCreate(dataFolder: dataOptions.data)
        } catch {
            throw CLIError("the member link key: \(error)")
        }
        let server = SiteServer(
            store: store, theme: theme,
            options: SiteOptions(
                publicURL: origin, pageCacheBytes: noPageCache ? 0 : pageCacheMegabytes << 20,
                metricsToken: metricsToken ?? ProcessInfo.processInfo.environment["BYLINE_METRICS_TOKEN"]),
            newsroom: .init(store: store, adminTheme: adminTheme, members: (store, mailer, linkKey)))
        let host = self.host
        // The store's connection pool (PostgreSQL) runs beside the server and stops after it;
        // the job worker shares background work with every other node on the same database.
        var services = opened.service.map { [$0] } ?? []
        // Publishing a post with "send by email" queues its send; whichever node claims the job
        // renders the email once and queues one delivery per subscriber.
        var handlers: [String: JobHandler] = [
            NewsletterSendJob.kind: NewsletterSendStarter(store: store, publicURL: origin).jobHandler,
            // A reply to a member's comment: one email to its author (queued with the reply).
            CommentReplyEmail.kind: CommentReplyMailer(
                store: store, mailer: mailer, linkKey: linkKey, publicURL: origin
            ).jobHandler,
        ]
        if TestSleepJob.isEnabled { handlers.merge(TestSleepJob.handlers) { first, _ in first } }
        services.append(
            try JobWorker(
                queue: store, handlers: handlers, settings: .init(lease: .seconds(jobLeaseSeconds)), logger: logger))
        if let smtp {
            let links = NewsletterLinks(key: linkKey)
            let composer = NewsletterComposer(
                from: from, messageIDDomain: MailOptions.messageIDDomain(from),
                unsubscribeURL: links.composerLinks)
            services.append(
                NewsletterDeliveryWorker(
                    queue: store,
                    pool: SMTPConnectionPool(
                        configuration: smtp, maxConnections: newsletterConcurrency, logger: logger),
                    composer: composer,
                    settings: .init(concurrency: newsletterConcurrency, lease: .seconds(jobLeaseSeconds)),
                    logger: logger))
        } else {
            logger.notice("newsletters are queued but not sent until an SMTP server is configured")
        }
        services.append(
            StoreMaintenance(
                changes: store, jobs: store, staff: store, members: store, clock: SystemClock(), logger: logger))
        services.append(ScheduledPublisher(posts: store, logger: logger))
        // Related lists marked by writes (here, by `byline import`, or by a migration).
        services.append(RelatedRefresher(lists: store, logger: logger))
        let app = server.application(host: host, port: port, logger: logger, services: services) { boundPort in
            print("Byline is serving http://\(host):\(boundPort)/")
            if let demoSignIn { print(demoSignIn.instructions(adminURL: "http://\(host):\(boundPort)/admin/")) }
            // Output to a file or a pipe is block-buffered: without this the lines would show
            // only at shutdown. (`fflush(nil)` flushes every stream.)
            fflush(nil)
        }
        do {
            try await app.runService()
        } catch let error where PortInUse.matches(error) {
            throw CLIError(
                "cannot listen on \(host):\(port): the port is already in use (another server is running there?). "
                    + "Stop it or choose another port with --port.")
        }
    }

    /// The member emails' way out: the SMTP server of `--smtp-url` or `SMTP_URL`, or, without
    /// one, the log (said at start, so nobody waits for mail that is never sent).
    private func memberMailer(from: MailAddress, smtp: SMTPConfiguration?, logger: Logger) -> MemberMailer {
        guard let smtp else {
            logger.notice(
                "no SMTP server configured (--smtp-url or SMTP_URL): member emails are not sent; their links are logged"
            )
            return MemberMailer(transport: .log, from: from, logger: logger)
        }
        logger.info("member emails go through \(smtp.host):\(smtp.port)")
        return MemberMailer(transport: .smtp(SMTPConnectionPool(configuration: smtp)), from: from, logger: logger)
    }
}
