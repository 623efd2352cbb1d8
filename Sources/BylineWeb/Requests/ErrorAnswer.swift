import Foundation
import Hummingbird

/// Error responses of routed requests: JSON for the APIs (`{"status":..., "message":...}`,
/// with the field at fault when there is one), plain text elsewhere.
public enum ErrorAnswer {
    public static func json(
        _ status: HTTPResponse.Status, _ message: String, field: String? = nil, context: BylineRequestContext,
        extra: HTTPFields = [:]
    ) -> Response {
        var object: [String: Any] = ["status": Int(status.code), "message": message]
        if let field { object["field"] = field }
        if status.code >= 500 { object["request_id"] = context.requestID }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public static func text(_ status: HTTPResponse.Status, _ message: String, extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    /// JSON for `/api/` paths and requests that ask for it, text otherwise.
    public static func forRequest(
        _ request: Request, _ status: HTTPResponse.Status, _ message: String, field: String? = nil,
        context: BylineRequestContext, extra: HTTPFields = [:]
    ) -> Response {
        if wantsJSON(request) { return json(status, message, field: field, context: context, extra: extra) }
        return text(status, message, extra: extra)
    }

    static func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || (request.headers[.accept]?.contains("application/json") ?? false)
            || (request.headers[.contentType]?.contains("application/json") ?? false)
    }
}
