import BylineCore
import BylineStore
import Hummingbird

/// Everything past the anonymous fast path, on Hummingbird's `Router` with
/// ``BylineRequestContext``: the newsroom (`/admin/`), the Admin API (`/api/admin/`), members'
/// pages, and public pages for browsers with a staff cookie, rendered for them alone and never
/// cached.
struct RoutedRequests: Sendable {
    let responder: any HTTPResponder<BylineRequestContext>

    /// Paths always routed, whoever asks.
    static func isRoutedPath(_ path: String) -> Bool {
        path == "/admin" || path.hasPrefix("/admin/") || path.hasPrefix("/api/") || path == "/subscribe"
            || path == "/members" || path.hasPrefix("/members/") || path == CommentRoutes.path
    }

    init(environment env: NewsroomEnvironment) {
        let router = Router(context: BylineRequestContext.self)
        router.add(middleware: ErrorAnswerMiddleware())
        router.add(middleware: StaffAuthMiddleware(accounts: env.accounts))
        if let members = env.members { router.add(middleware: MemberSessionMiddleware(signup: members)) }
        router.add(middleware: CSRFMiddleware())

        let admin = router.group("admin")
        admin.get("assets/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            for asset in [env.adminTheme.stylesheet, env.adminTheme.script] where asset.fingerprintedName == name {
                return PageResponse.page(asset.prepared, request: request)
            }
            return ErrorAnswer.text(.notFound, "Not found")
        }
        AdminSignInPages(env: env).register(on: admin)
        let staffOnly = admin.group().add(middleware: RequireStaffMiddleware(.html))
        AdminPostPages(env: env).register(on: staffOnly)
        AdminSitePages(env: env).register(on: staffOnly)
        AdminNewsletterPages(env: env).register(on: staffOnly)
        AdminMemberPages(env: env).register(on: staffOnly)
        AdminCommentPages(env: env).register(on: staffOnly)
        AdminImagePages(env: env).register(on: staffOnly)

        let api = router.group("api/admin").add(middleware: RequireStaffMiddleware(.json))
        AdminAPI(env: env).register(on: api)

        if let members = env.members {
            MemberRoutes(
                signup: members, settings: env.store, origin: SameSiteOrigin(publicURL: env.publicURL),
                secureCookies: env.secureCookies, page: MemberPageHTML(stylesheet: env.pages.theme.stylesheet.path),
                comments: env.store as? any CommentStore, cache: env.newsroom.cache
            ).register(on: router)
            if let comments = env.store as? any CommentStore {
                let page = MemberPageHTML(stylesheet: env.pages.theme.stylesheet.path)
                CommentRoutes(
                    signup: members, comments: comments, settings: env.store,
                    origin: SameSiteOrigin(publicURL: env.publicURL), page: page, limiter: env.commentLimiter,
                    cache: env.newsroom.cache
                ).register(on: router)
                MemberCommentRoutes(
                    signup: members, comments: comments, settings: env.store, page: page, cache: env.newsroom.cache
                ).register(on: router)
            }
        }

        // A signed-in staff member reading the public site: their own copy of each page.
        let pages = env.pages
        let members = env.members
        // "**" matches one path component or more: the home page ("/") is named on its own.
        for path: RouterPath in ["/", "**"] {
            router.get(path) { request, context in
                try await Self.publicPage(request, pages: pages, members: members, context: context)
            }
            router.head(path) { request, context in
                try await Self.publicPage(request, pages: pages, members: members, context: context)
            }
        }
        self.responder = router.buildResponder()
    }

    /// A public page for whoever a staff cookie came with: staff when the session is good,
    /// else a member or anyone, as the fast path would answer them (but not cached).
    static func publicPage(
        _ request: Request, pages: SitePages, members: MemberSignup?, context: BylineRequestContext
    ) async throws -> Response {
        var audience = Audience.anonymous
        if context.staff != nil {
            audience = .staff
        } else if let members,
            await members.readsAsMember(
                cookie: request.cookies[SessionCookie.memberName]?.value, timeout: pages.options.databaseTimeout)
        {
            audience = .member
        }
        let pages = pages.reading(as: audience)
        let path = request.uri.path
        guard path.utf8.count <= SiteRoute.maxPathLength else {
            return ErrorAnswer.text(.uriTooLong, "URL too long")
        }
        let route = SiteRoute.parse(path, query: request.uri.query)
        switch route {
        case .redirect(let target):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return PageResponse.redirect(to: target + query, request: request)
        case .asset(let name):
            guard let asset = pages.theme.asset(named: name) else { return ErrorAnswer.text(.notFound, "Not found") }
            return PageResponse.page(asset.prepared, request: request)
        case .health, .metrics:
            return ErrorAnswer.text(.notFound, "Not found")
        default:
            break
        }
        switch try await withDeadline(pages.options.databaseTimeout, { try await pages.render(route) }) {
        case .document(let status, let text, let contentType, _, _):
            let page = PreparedPage(
                status: status, body: ByteBuffer(string: text), contentType: contentType,
                cacheControl: "private, no-cache", dependencies: [], renderedAt: pages.clock.now(),
                compression: PageResponse.acceptsGzip(request.headers[values: .acceptEncoding]) ? .fast : .none)
            return PageResponse.page(page, request: request)
        case .moved(let location):
            return PageResponse.redirect(to: location, request: request)
        }
    }
}
