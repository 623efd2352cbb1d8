import HTTPTypes
import Hummingbird

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that does not carry the
/// CSRF token: the `_csrf` form field or the `X-CSRF-Token` header must equal the session's
/// token (under `/members/` the member session's, elsewhere the staff session's), or, before
/// sign-in, the sign-in cookie's (double submit). Requests authenticated by an API token carry no
/// cookie a foreign page could ride on, so they need none; nor does a member form sent without a
/// member session, which acts for nobody (the member routes answer it 401).
///
/// `POST /subscribe` and the member forms that work without a session are left to
/// ``MemberRoutes``: signup and sign-in forms sit on cached anonymous pages that are the same for
/// every reader and cannot carry a session's token, so they are defended by verifying the origin
/// with standard headers (OWASP: `Sec-Fetch-Site`/`Origin` must name this site,
/// ``SameSiteOrigin``), and the emailed links' POSTs are authenticated by their single-use (or
/// signed) token as well.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = BylineRequestContext
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // An API request with neither token nor session acts for nobody: the API answers it 401.
        let path = request.uri.path
        let anonymousAPI = context.staffSession == nil && path.hasPrefix("/api/")
        let memberForm = path.hasPrefix("/members/")
        if [.get, .head, .options].contains(request.method) || context.viaAPIToken || anonymousAPI
            || Self.isSessionlessMemberForm(path) || (memberForm && context.memberSession == nil)
            || Self.checksItsOwnToken(request)
        {
            return try await next(request, context)
        }
        let session = memberForm ? context.memberSession?.csrfToken : context.staffSession?.csrfToken
        let expected = session ?? request.cookies[SessionCookie.signInCSRFName]?.value ?? ""
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

    /// The image library's upload form: its token is inside a multipart body of up to the upload
    /// limit, which ``AdminImagePages`` reads and checks itself before storing anything.
    static func checksItsOwnToken(_ request: Request) -> Bool {
        request.uri.path == AdminImagePages.path
            && request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    /// The member paths whose forms carry no session token (see above): signup, the sign-in
    /// request, the emailed links' buttons, one-click unsubscribe, sign-out, and comments (the
    /// form sits on the article as cached for all members; ``CommentRoutes`` checks the origin).
    static func isSessionlessMemberForm(_ path: String) -> Bool {
        path == "/subscribe" || path == CommentRoutes.path
            || [
                "/members/signin", "/members/confirm", "/members/auth", "/members/change-email",
                "/members/unsubscribe", "/members/signout",
            ].contains(path)
    }
}
