import HTTPTypes
import Hummingbird

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that does not carry the
/// CSRF token: the `_csrf` form field or the `X-CSRF-Token` header must equal the session's
/// token, or, before sign-in, the sign-in cookie's (double submit). Requests authenticated by an
/// API token carry no cookie a foreign page could ride on, so they need none.
///
/// `POST /subscribe` and the `/members/` forms are left to ``MemberRoutes``: signup and sign-in
/// forms sit on cached anonymous pages that are the same for every reader and cannot carry a
/// session's token, so they are defended by verifying the origin with standard headers
/// (OWASP: `Sec-Fetch-Site`/`Origin` must name this site, ``SameSiteOrigin``), and the emailed
/// links' POSTs are authenticated by their single-use token as well.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = BylineRequestContext
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // An API request with neither token nor session acts for nobody: the API answers it 401.
        let anonymousAPI = context.staffSession == nil && request.uri.path.hasPrefix("/api/")
        if [.get, .head, .options].contains(request.method) || context.viaAPIToken || anonymousAPI
            || Self.isMemberPath(request.uri.path)
        {
            return try await next(request, context)
        }
        let expected =
            context.staffSession?.csrfToken ?? request.cookies[SessionCookie.signInCSRFName]?.value ?? ""
        var request = request
        var sent = request.headers[Self.headerName]
        if sent == nil,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        {
            // Reading the form here keeps it for the handler: the body is collected once.
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            sent = FormFields(encoded: String(buffer: buffer))["_csrf"]
        }
        guard !expected.isEmpty, let sent, SecretToken.equal(sent, expected) else {
            let message =
                "The form has expired or did not come from this site (missing CSRF token). Reload the page and try again."
            return ErrorAnswer.forRequest(request, .forbidden, message, context: context)
        }
        return try await next(request, context)
    }

    /// The member paths that check their own origin (see above).
    static func isMemberPath(_ path: String) -> Bool {
        path == "/subscribe" || path.hasPrefix("/members/")
    }
}
