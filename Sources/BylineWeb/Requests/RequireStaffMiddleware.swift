import Hummingbird

/// Lets only signed-in staff through: browsers are sent to the sign-in page (and back after),
/// API clients get 401 JSON.
public struct RequireStaffMiddleware: RouterMiddleware {
    public typealias Context = BylineRequestContext

    public enum Style: Sendable {
        case html
        case json
    }

    let style: Style

    public init(_ style: Style) {
        self.style = style
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard context.staff == nil else { return try await next(request, context) }
        switch style {
        case .json:
            return ErrorAnswer.json(
                .unauthorized, "Sign in or send a staff API token (Authorization: Bearer ...).", context: context)
        case .html:
            guard request.method == .get || request.method == .head else {
                return ErrorAnswer.text(.unauthorized, "You are signed out. Sign in again at /admin/signin.")
            }
            var next = request.uri.path
            if let query = request.uri.query { next += "?" + query }
            let target =
                "/admin/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return Response(status: .seeOther, headers: [.location: target, .cacheControl: "no-store"])
        }
    }
}
