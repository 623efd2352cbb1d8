import BylineStore
import Hummingbird

/// Finds the member session a `/members/` request's cookie names and puts it in the context,
/// so ``CSRFMiddleware`` checks a member's forms against that session's token as it checks staff
/// forms against theirs. Other paths are left alone: no page outside `/members/` acts for a
/// member, and each lookup is a database read.
struct MemberSessionMiddleware: RouterMiddleware {
    typealias Context = BylineRequestContext
    let signup: MemberSignup

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.uri.path.hasPrefix("/members/"),
            let token = request.cookies[SessionCookie.memberName]?.value, !token.isEmpty
        else { return try await next(request, context) }
        var context = context
        context.memberSession = try await signup.session(cookie: token)
        return try await next(request, context)
    }
}
