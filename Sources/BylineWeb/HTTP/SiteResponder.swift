import BylineCore
import BylineStore
import HTTPTypes
import Hummingbird
import Logging

/// Answers every request: reads of the public site by anonymous readers and signed-in members
/// on a fast path (the page cache, one copy of each page per ``Audience``, no routing for a
/// hit), everything else through ``RoutedRequests``.
struct SiteResponder: HTTPResponder {
    typealias Context = BylineRequestContext
    let pages: SitePages
    /// nil when caching is switched off: every request renders.
    let cache: PageCache?
    let metrics: SiteMetrics
    /// The newsroom and signed-in requests; nil when the server runs without one (tests of the
    /// public site alone).
    let routed: RoutedRequests?
    /// Finds the member a session cookie names; nil: no members on this server, every reader is
    /// anonymous.
    let members: MemberSignup?
    /// Uploaded images (``ImageDelivery``); nil when the store keeps none.
    var images: ImageDelivery? = nil

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let (response, label) = try await answer(request, context: context)
        metrics.record(route: label, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }

    private func answer(_ request: Request, context: Context) async throws -> (Response, SiteMetrics.RouteLabel) {
        // The same bytes for everyone, staff included: no session, page cache or router asked.
        if let images, ImageDelivery.isImagePath(request.uri.path) {
            return (try await images.respond(to: request), .asset)
        }
        if let routed, Self.isRouted(request) {
            return (try await routed.responder.respond(to: request, context: context), .other)
        }
        guard request.method == .get || request.method == .head else {
            let response = PageResponse.text(
                .methodNotAllowed, "Method not allowed", request: request, extra: [.allow: "GET, HEAD"])
            return (response, .other)
        }
        let path = request.uri.path
        let audience = await audience(of: request)
        let key = PageCache.key(path, for: audience)
        // Hot path: only canonical content paths are ever cached, so a hit needs no routing.
        if let cache, let key, let cached = cache.page(key, now: pages.clock.now()) {
            metrics.cacheHits.increment()
            return (PageResponse.page(cached.page, request: request), cached.label)
        }
        if path.utf8.count > SiteRoute.maxPathLength {
            return (PageResponse.text(.uriTooLong, "URL too long", request: request), .other)
        }
        let route = SiteRoute.parse(path, query: request.uri.query)
        let label = SiteMetrics.RouteLabel(route)
        let response = try await answer(
            route, path: path, key: key, audience: audience, request: request, context: context)
        return (response, label)
    }

    /// A member when the request carries a member session cookie that is still good
    /// (``MemberSignup/readsAsMember(cookie:timeout:)``), else anonymous. Assets, health and metrics
    /// are the same for everyone and ask nothing.
    private func audience(of request: Request) async -> Audience {
        guard let members else { return .anonymous }
        let path = request.uri.path
        if path.hasPrefix("/assets/") || path == "/healthz" || path == "/metrics" { return .anonymous }
        let cookie = request.cookies[SessionCookie.memberName]?.value
        let isMember = await members.readsAsMember(cookie: cookie, timeout: pages.options.databaseTimeout)
        return isMember ? .member : .anonymous
    }

    private func answer(
        _ route: SiteRoute, path: String, key: String?, audience: Audience, request: Request, context: Context
    ) async throws -> Response {
        switch route {
        case .health:
            return PageResponse.text(.ok, "ok", request: request)
        case .metrics:
            guard
                pages.options.allowsMetrics(
                    clientAddress: context.clientAddress, authorization: request.headers[.authorization])
            else {
                return PageResponse.text(
                    .forbidden, "Metrics are served to loopback clients or with the configured bearer token.",
                    request: request)
            }
            var response = PageResponse.text(.ok, metrics.exposition(cache: cache), request: request)
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        case .redirect(let target):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return PageResponse.redirect(to: target + query, request: request)
        case .asset(let name):
            guard let asset = pages.theme.asset(named: name) else {
                return PageResponse.text(.notFound, "Not found", request: request)
            }
            return PageResponse.page(asset.prepared, request: request)
        case .home, .post, .tag, .author, .archive, .archiveMonth, .rss, .jsonFeed, .scopedFeed, .sitemap,
            .sitemapPages, .sitemapPosts, .robots:
            if let cache {
                cache.noteMiss()
                metrics.cacheMisses.increment()
            }
            return try await render(route, path: path, key: key, audience: audience, request: request, context: context)
        case .notFound:
            return try await render(route, path: path, key: key, audience: audience, request: request, context: context)
        case .search:
            // One page per query: never cached (no key), and private (see ``SearchAddress``).
            return try await render(route, path: path, key: nil, audience: audience, request: request, context: context)
        }
    }

    /// The newsroom's and members' paths, and reads by a browser with a staff session cookie:
    /// staff get every page rendered for them alone, never cached. Health, metrics and assets
    /// are the same for everyone.
    static func isRouted(_ request: Request) -> Bool {
        let path = request.uri.path
        if RoutedRequests.isRoutedPath(path) { return true }
        guard SessionCookie.hasStaffCookie(request) else { return false }
        return path != "/healthz" && path != "/metrics" && !path.hasPrefix("/assets/")
    }

    private func render(
        _ route: SiteRoute, path: String, key: String?, audience: Audience, request: Request, context: Context
    ) async throws -> Response {
        let epoch = cache?.epoch ?? 0
        do {
            let pages = self.pages.reading(as: audience)
            switch try await withDeadline(pages.options.databaseTimeout, { try await pages.render(route) }) {
            case .document(let status, let text, let contentType, let dependencies, let validUntil):
                // A member's copy is shared by members only: no shared cache on the way may keep it.
                let page = PreparedPage(
                    status: status, body: ByteBuffer(string: text), contentType: contentType,
                    cacheControl: audience == .anonymous && !route.isSearch ? "no-cache" : "private, no-cache",
                    dependencies: dependencies, renderedAt: pages.clock.now(), validUntil: validUntil,
                    compression: cache != nil && status == .ok
                        ? .best : PageResponse.acceptsGzip(request.headers[values: .acceptEncoding]) ? .fast : .none)
                // Only complete pages are cached; a 404 may become a page at any moment.
                if status == .ok, let key {
                    cache?.insert(key, page, label: SiteMetrics.RouteLabel(route), renderedAt: epoch)
                }
                return PageResponse.page(page, request: request)
            case .moved(let location):
                return PageResponse.redirect(to: location, request: request)
            }
        } catch let error where StoreFailure.isUnavailable(error) {
            context.logger.warning("rendering \(path): the database is unavailable: \(error)")
            return PageResponse.text(
                .serviceUnavailable, "The site cannot answer right now; try again shortly.", request: request,
                extra: [.retryAfter: "5"])
        } catch {
            // Not the database being away: a retry would fail the same way, so no Retry-After.
            let id = context.logger[metadataKey: "hb.request.id"]?.description ?? RequestID().description
            context.logger.error("rendering \(path) failed (request \(id)): \(error)")
            return PageResponse.text(.internalServerError, "Internal server error (request \(id))", request: request)
        }
    }
}
