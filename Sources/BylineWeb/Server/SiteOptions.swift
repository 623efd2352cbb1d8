/// How a site is served: what the server needs beyond the store and the theme.
public struct SiteOptions: Sendable {
    /// The public origin used for canonical links and feeds, e.g. "https://news.example"; no trailing slash.
    public var publicURL: String
    /// Tags shown in the masthead navigation.
    public var navigationTagLimit: Int
    /// Memory for rendered pages; 0 switches the page cache off (every request renders).
    public var pageCacheBytes: Int
    /// How often the server looks for changes made by other processes or nodes.
    public var changePollInterval: Duration
    /// How long a page may wait for the database before the reader gets 503 and Retry-After.
    public var databaseTimeout: Duration
    /// A bearer token that lets non-loopback clients read `/metrics` (nil: loopback only).
    public var metricsToken: String?

    public init(
        publicURL: String, navigationTagLimit: Int = 6, pageCacheBytes: Int = 64 << 20,
        changePollInterval: Duration = .milliseconds(200), databaseTimeout: Duration = .seconds(5),
        metricsToken: String? = nil
    ) {
        self.metricsToken = metricsToken
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
        self.navigationTagLimit = navigationTagLimit
        self.pageCacheBytes = pageCacheBytes
        self.changePollInterval = changePollInterval
        self.databaseTimeout = databaseTimeout
    }

    /// `/metrics` tells request rates and cache sizes: loopback clients (a local Prometheus or
    /// an SSH tunnel) may read it, others only with the configured bearer token.
    func allowsMetrics(clientAddress: String, authorization: String?) -> Bool {
        if clientAddress == "::1" || clientAddress.hasPrefix("127.") || clientAddress.hasPrefix("::ffff:127.") {
            return true
        }
        guard let metricsToken, !metricsToken.isEmpty, let authorization else { return false }
        return SecretToken.equal(authorization, "Bearer " + metricsToken)
    }
}
