import BylineCore
import BylineStore
import Hummingbird

/// Finds who a routed request acts for: a staff API token (`Authorization: Bearer byline_...`)
/// or a browser's session cookie. Finding nobody is not an error here; the groups that need a
/// signed-in user add ``RequireStaffMiddleware``.
public struct StaffAuthMiddleware: RouterMiddleware {
    public typealias Context = BylineRequestContext
    let accounts: StaffAccounts

    public init(accounts: StaffAccounts) {
        self.accounts = accounts
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        // Only a bearer token is ours: a browser behind a proxy's Basic sign-in sends its
        // `Authorization: Basic ...` with every request, and its session cookie still counts.
        // Tokens are for the API alone: on the newsroom's pages one could otherwise mint new
        // tokens or invite staff, and outlive its own revocation.
        if request.uri.path.hasPrefix("/api/"), let authorization = request.headers[.authorization],
            authorization.split(separator: " ", maxSplits: 1).first?.lowercased() == "bearer"
        {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2,
                let user = try await accounts.apiTokenUser(token: String(parts[1]).trimmingWhitespace())
            else {
                // A token that does not work must not fall back to a cookie: say so.
                return ErrorAnswer.json(.unauthorized, "The API token is not valid.", context: context)
            }
            context.staff = user
            context.viaAPIToken = true
        } else if let token = request.cookies[SessionCookie.staffName]?.value, !token.isEmpty,
            let session = try await accounts.session(token: token)
        {
            context.staff = session.user
            context.staffSession = session
        }
        return try await next(request, context)
    }
}
