import Metrics
import Prometheus

/// Request counts, latencies and page-cache figures, exported at `/metrics` in Prometheus format.
///
/// Every handle is made up front, so recording on the hot path is a dictionary read and an
/// atomic add: no registry look-up, no lock on the request's way.
public struct SiteMetrics: Sendable {
    /// Route families, the `route` label (bounded, unlike raw paths).
    enum RouteLabel: String, CaseIterable, Sendable {
        case home, post, tag, author, archive, feed, search, asset, health, metrics, redirect
        case notFound = "not_found", other
    }

    let registry: PrometheusCollectorRegistry
    private let requests: [String: Metrics.Counter]
    private let latency: [RouteLabel: Metrics.Timer]
    let cacheHits: Metrics.Counter
    let cacheMisses: Metrics.Counter
    private let cacheEntries: Metrics.Gauge
    private let cacheBytes: Metrics.Gauge
    private let cacheHitRatio: Metrics.Gauge

    static let statusClasses = ["2xx", "3xx", "4xx", "5xx"]

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
        self.registry = registry
        var requests: [String: Metrics.Counter] = [:]
        var latency: [RouteLabel: Metrics.Timer] = [:]
        for route in RouteLabel.allCases {
            for status in Self.statusClasses {
                requests[route.rawValue + status] = Metrics.Counter(
                    label: "byline_http_requests_total", dimensions: [("route", route.rawValue), ("status", status)],
                    factory: factory)
            }
            latency[route] = Metrics.Timer(
                label: "byline_http_request_duration_seconds", dimensions: [("route", route.rawValue)],
                preferredDisplayUnit: .seconds, factory: factory)
        }
        self.requests = requests
        self.latency = latency
        cacheHits = Metrics.Counter(label: "byline_page_cache_hits_total", factory: factory)
        cacheMisses = Metrics.Counter(label: "byline_page_cache_misses_total", factory: factory)
        cacheEntries = Metrics.Gauge(label: "byline_page_cache_entries", factory: factory)
        cacheBytes = Metrics.Gauge(label: "byline_page_cache_bytes", factory: factory)
        cacheHitRatio = Metrics.Gauge(label: "byline_page_cache_hit_ratio", factory: factory)
    }

    func record(route: RouteLabel, status: Int, duration: Duration) {
        let statusClass = Self.statusClasses[max(0, min(3, status / 100 - 2))]
        requests[route.rawValue + statusClass]?.increment()
        latency[route]?.recordInterval(duration)
    }

    /// The Prometheus text exposition, with the cache gauges brought up to date first.
    func exposition(cache: PageCache?) -> String {
        if let statistics = cache?.statistics {
            cacheEntries.record(statistics.entries)
            cacheBytes.record(statistics.bytes)
            let lookups = statistics.hits + statistics.misses
            cacheHitRatio.record(lookups == 0 ? 0 : Double(statistics.hits) / Double(lookups))
        }
        return registry.emitToString()
    }
}

extension SiteMetrics.RouteLabel {
    init(_ route: SiteRoute) {
        switch route {
        case .home: self = .home
        case .post: self = .post
        case .tag: self = .tag
        case .author: self = .author
        case .archive, .archiveMonth: self = .archive
        case .rss, .jsonFeed, .scopedFeed, .sitemap, .sitemapPages, .sitemapPosts, .robots: self = .feed
        case .search: self = .search
        case .asset: self = .asset
        case .health: self = .health
        case .metrics: self = .metrics
        case .redirect: self = .redirect
        case .notFound: self = .notFound
        }
    }
}

extension Metrics.Timer {
    fileprivate func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
