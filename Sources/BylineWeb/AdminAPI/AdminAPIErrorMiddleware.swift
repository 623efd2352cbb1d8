import Hummingbird
import Logging

/// Turns whatever an Admin API handler throws into the API's JSON error (``AdminAPIError``), so
/// a client never has to parse an HTML or plain-text error page. Unexpected failures are logged
/// with the request id the answer shows.
struct AdminAPIErrorMiddleware: RouterMiddleware {
    typealias Context = BylineRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let answer = AdminAPIError.from(error, requestID: context.requestID, maxUploadSize: context.maxUploadSize)
            if answer.status.code >= 500 {
                context.logger.error(
                    "admin API \(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            }
            return answer.response
        }
    }
}
