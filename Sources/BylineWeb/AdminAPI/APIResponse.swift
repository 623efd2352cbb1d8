import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Admin API answers: JSON with the API's date format, never cached by anyone but the client
/// (`private, no-store`: they are one staff member's view, often of unpublished work).
public enum APIResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(APITimestamp.string(date))
        }
        return encoder
    }()

    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "private, no-store"
        // Encoding our own value types cannot fail; should it ever, the client still gets JSON.
        let data = (try? encoder.encode(value)) ?? Data(#"{"status":500,"message":"could not encode the answer"}"#.utf8)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 204: done, nothing to say (a delete).
    public static func noContent() -> Response {
        Response(status: .noContent, headers: [.cacheControl: "private, no-store"])
    }
}
