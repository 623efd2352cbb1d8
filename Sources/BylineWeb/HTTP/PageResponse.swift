import BylineCore
import HTTPTypes
import Hummingbird

/// Turns bytes into HTTP answers with the caching rules of DESIGN.md: a strong ETag on
/// every page, `If-None-Match` answered with 304, HEAD answered without a body.
enum PageResponse {
    static let htmlType = "text/html; charset=utf-8"

    /// HTML for anonymous readers: revalidated each time (`no-cache`), so a save shows at once.
    static func html(status: HTTPResponse.Status, _ html: String, request: Request) -> Response {
        let bytes = ByteBuffer(string: html)
        let eTag = "\"\(ContentHash.hex(bytes.readableBytesView))\""
        return build(
            status: status, body: bytes, eTag: eTag, contentType: htmlType, cacheControl: "no-cache",
            request: request)
    }

    static func asset(_ asset: StaticAsset, request: Request) -> Response {
        build(
            status: .ok, body: ByteBuffer(bytes: asset.bytes), eTag: asset.eTag, contentType: asset.contentType,
            cacheControl: "public, max-age=31536000, immutable", request: request)
    }

    static func text(_ status: HTTPResponse.Status, _ text: String, request: Request, extra: HTTPFields = [:])
        -> Response
    {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let response = Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
        return request.method == .head ? response.createHeadResponse() : response
    }

    static func redirect(to location: String, request: Request) -> Response {
        var response = text(.movedPermanently, "Moved to \(location)", request: request, extra: [.location: location])
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    private static func build(
        status: HTTPResponse.Status, body: ByteBuffer, eTag: String, contentType: String, cacheControl: String,
        request: Request
    ) -> Response {
        var headers: HTTPFields = [
            .contentType: contentType, .cacheControl: cacheControl, .eTag: eTag,
        ]
        if status == .ok, matches(request.headers[values: .ifNoneMatch], eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(body.readableBytes)
        let response = Response(status: status, headers: headers, body: .init(byteBuffer: body))
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// `If-None-Match` may list several tags, or `*`; weak comparison as RFC 9110 asks for GET.
    static func matches(_ values: [String], _ eTag: String) -> Bool {
        for value in values {
            for candidate in value.split(separator: ",") {
                var tag = candidate.trimmingWhitespace()
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == eTag { return true }
            }
        }
        return false
    }
}
