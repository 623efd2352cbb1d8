import BylineCore
import Foundation
import HTTPTypes
import Hummingbird

/// Turns bytes into HTTP answers with the caching rules of DESIGN.md: a strong ETag on
/// every page, `If-None-Match` answered with 304, HEAD answered without a body.
enum PageResponse {
    static let htmlType = "text/html; charset=utf-8"

    /// A prepared page for anonymous readers: revalidated each time (`no-cache`, strong ETag),
    /// gzip when the client asks for it.
    static func page(_ page: PreparedPage, request: Request) -> Response {
        let variant =
            page.gzip.flatMap { acceptsGzip(request.headers[values: .acceptEncoding]) ? $0 : nil } ?? page.identity
        if page.status == .ok, isNotModified(request, eTag: variant.eTag, lastModified: page.lastModified) {
            var headers = variant.headers
            headers[.contentLength] = nil
            headers[.contentEncoding] = nil
            return Response(status: .notModified, headers: headers)
        }
        if request.method == .head { return Response(status: page.status, headers: variant.headers) }
        return Response(status: page.status, headers: variant.headers, body: .init(byteBuffer: variant.body))
    }

    /// `If-None-Match` wins over `If-Modified-Since` when both are sent (RFC 9110 13.2.2).
    static func isNotModified(_ request: Request, eTag: String, lastModified: Date) -> Bool {
        let tags = request.headers[values: .ifNoneMatch]
        if !tags.isEmpty { return matches(tags, eTag) }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) { return lastModified <= since }
        return false
    }

    /// Whether `Accept-Encoding` allows gzip: named (or `*`) without `q=0`.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";")
                let name = parts[0].trimmingWhitespace().lowercased()
                guard name == "gzip" || name == "x-gzip" || name == "*" else { continue }
                let refused = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=")
                    return pair.count == 2 && pair[0].trimmingWhitespace() == "q"
                        && (Double(pair[1].trimmingWhitespace()) ?? 1) == 0
                }
                return !refused
            }
        }
        return false
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
