import BylineStore
import Hummingbird
import Logging
import NIOCore

/// Turns what routed handlers throw into answers: the newsroom's refusals with their status and
/// message (and the field at fault), a database that is away as 503, anything else as 500 with
/// the request id; JSON on the APIs.
public struct ErrorAnswerMiddleware: RouterMiddleware {
    public typealias Context = BylineRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            guard ErrorAnswer.wantsJSON(request) else { throw error }
            return ErrorAnswer.json(error.status, error.body ?? error.status.reasonPhrase, context: context)
        } catch {
            if let refusal = NewsroomError.from(error) {
                var field: String?
                if case .invalidField(let name, _) = refusal { field = name }
                return ErrorAnswer.forRequest(
                    request, refusal.status, refusal.description, field: field, context: context)
            }
            if error is NIOTooManyBytesError {
                // A body over the limit, found while a middleware or handler collected it.
                let megabytes = context.maxUploadSize >> 20
                return ErrorAnswer.forRequest(
                    request, .contentTooLarge, "The request is larger than the \(megabytes) MiB this site accepts.",
                    context: context)
            }
            if StoreFailure.isUnavailable(error) {
                context.logger.warning("\(request.uri.path): the database is unavailable: \(error)")
                return ErrorAnswer.forRequest(
                    request, .serviceUnavailable, "The site cannot answer right now; try again shortly.",
                    context: context, extra: [.retryAfter: "5"])
            }
            context.logger.error(
                "\(request.method) \(request.uri.path) failed (request \(context.requestID)): \(error)")
            return ErrorAnswer.forRequest(
                request, .internalServerError, "Internal server error (request \(context.requestID))", context: context)
        }
    }
}
