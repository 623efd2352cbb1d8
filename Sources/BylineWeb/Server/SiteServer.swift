import BylineCore
import BylineStore
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// The public site as a Hummingbird application, ready to run under service lifecycle.
public struct SiteServer: Sendable {
    let pages: SitePages
    /// nil when the options switch caching off.
    public let cache: PageCache?
    public let metrics = SiteMetrics()
    /// Member sessions found good, held briefly (``MemberAccessCache``).
    let memberAccess: MemberAccessCache
    /// The newsroom's services (nil: a public site only, as some tests serve).
    public let newsroom: NewsroomEnvironment?

    /// What the newsroom needs beyond the public site's parts.
    public struct NewsroomParts: Sendable {
        public var store: any NewsroomStore
        public var adminTheme: AdminTheme
        public var hasher: PasswordHasher
        public var throttle: SignInThrottle
        /// Reader signup and sign-in: the member store, how their emails leave, and the key of
        /// signed unsubscribe links (nil: no `/subscribe` and `/members/` routes).
        public var members: (store: any MemberStore, mailer: MemberMailer, linkKey: MemberLinkKey)?

        public init(
            store: any NewsroomStore, adminTheme: AdminTheme, hasher: PasswordHasher = PasswordHasher(),
            throttle: SignInThrottle = SignInThrottle(),
            members: (store: any MemberStore, mailer: MemberMailer, linkKey: MemberLinkKey)? = nil
        ) {
            self.store = store
            self.adminTheme = adminTheme
            self.hasher = hasher
            self.throttle = throttle
            self.members = members
        }
    }

    public init(
        store: any SiteReading, theme: Theme, options: SiteOptions, clock: any WallClock = SystemClock(),
        newsroom parts: NewsroomParts? = nil
    ) {
        let chrome = SiteChrome(store: store, navigationTagLimit: options.navigationTagLimit)
        let pages = SitePages(store: store, chrome: chrome, theme: theme, options: options, clock: clock)
        let cache = options.pageCacheBytes > 0 ? PageCache(capacityBytes: options.pageCacheBytes) : nil
        let memberAccess = MemberAccessCache()
        self.pages = pages
        self.cache = cache
        self.memberAccess = memberAccess
        self.newsroom = parts.map { parts in
            var env = NewsroomEnvironment(
                newsroom: Newsroom(store: parts.store, cache: cache, chrome: pages.chrome, clock: clock),
                accounts: StaffAccounts(
                    store: parts.store, hasher: parts.hasher, throttle: parts.throttle, clock: clock),
                adminTheme: parts.adminTheme, pages: pages, clock: clock, publicURL: options.publicURL)
            env.images = (parts.store as? any ImageStoring).map { ImageUploads(store: $0) }
            env.members = parts.members.map { members in
                MemberSignup(
                    store: members.store, mailer: members.mailer, linkKey: members.linkKey, clock: clock,
                    publicURL: options.publicURL, access: memberAccess)
            }
            return env
        }
    }

    /// The application; `run()`/`runService()` serves until SIGTERM or SIGINT, then drains and stops.
    /// `services` run beside the server (e.g. a database client) and stop with it.
    public func application(
        host: String, port: Int, logger: Logger, services: [any Service] = [],
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        // Also without a page cache: the chrome every page shows follows the change log.
        let watcher = ChangeWatcher(
            store: pages.store, chrome: pages.chrome, cache: cache, memberAccess: memberAccess, clock: pages.clock,
            interval: pages.options.changePollInterval, timeout: pages.options.databaseTimeout, logger: logger)
        // Bounded headers and idle connections: a client cannot hold memory or sockets for free.
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(60),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 200))
        return Application(
            responder: SiteResponder(
                pages: pages, cache: cache, metrics: metrics, routed: newsroom.map(RoutedRequests.init(environment:)),
                members: newsroom?.members,
                images: (pages.store as? any ImageStoring).map {
                    ImageDelivery(store: $0, timeout: pages.options.databaseTimeout)
                }),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(host, port: port), serverName: "Byline"),
            services: services + [watcher],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
