import BylineCore
import BylineStore
import HTTPTypes
import Hummingbird
import Logging

/// Answers every request of the public site: routing, method rules, errors.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let pages: SitePages

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return PageResponse.text(
                .methodNotAllowed, "Method not allowed", request: request, extra: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        if path.utf8.count > SiteRoute.maxPathLength {
            return PageResponse.text(.uriTooLong, "URL too long", request: request)
        }
        let route = SiteRoute.parse(path)
        switch route {
        case .health:
            return PageResponse.text(.ok, "ok", request: request)
        case .redirect(let target):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return PageResponse.redirect(to: target + query, request: request)
        case .asset(let name):
            guard name == pages.theme.stylesheet.fingerprintedName else {
                return PageResponse.text(.notFound, "Not found", request: request)
            }
            return PageResponse.asset(pages.theme.stylesheet, request: request)
        default:
            return try await render(route, request: request, context: context)
        }
    }

    private func render(_ route: SiteRoute, request: Request, context: Context) async throws -> Response {
        do {
            switch try await pages.render(route) {
            case .html(let status, let html): return PageResponse.html(status: status, html, request: request)
            case .moved(let location): return PageResponse.redirect(to: location, request: request)
            }
        } catch {
            context.logger.error("rendering \(request.uri.path) failed: \(error)")
            return PageResponse.text(
                .serviceUnavailable, "The site cannot answer right now; try again shortly.", request: request,
                extra: [.retryAfter: "5"])
        }
    }
}
