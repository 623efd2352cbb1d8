import BylineStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What the Admin API answers when it cannot do what was asked: always JSON,
/// `{"status": 422, "message": "title: is required", "field": "title"}`, so a client can show
/// the message and point at the field. A conflict also carries the post's current `updated_at`;
/// an unexpected failure carries the request id the server's log names it by.
public struct AdminAPIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    /// The one request field at fault, when there is one.
    public var field: String?
    /// For 409: the time the post was last saved, to reload it by.
    public var updatedAt: Date?
    /// For 500: matches the server log's `hb.request.id`.
    public var requestID: String?
    /// Extra headers, e.g. `Retry-After` on 503.
    public var headers: HTTPFields = [:]

    public init(
        status: HTTPResponse.Status, message: String, field: String? = nil, updatedAt: Date? = nil,
        requestID: String? = nil
    ) {
        self.status = status
        self.message = message
        self.field = field
        self.updatedAt = updatedAt
        self.requestID = requestID
    }

    /// The answer for any error a handler threw: the newsroom's and the store's errors in their
    /// own words, HTTP errors (a body over the size limit) with their status, a database that is
    /// away as 503, and anything else as 500 without internals.
    public static func from(_ error: any Error, requestID: String, maxUploadSize: Int) -> AdminAPIError {
        if let error = error as? AdminAPIError { return error }
        if let error = NewsroomError.from(error) {
            var answer = AdminAPIError(status: error.status, message: error.description)
            switch error {
            case .invalidField(let field, _): answer.field = field
            case .conflict(let date): answer.updatedAt = date
            default: break
            }
            return answer
        }
        if StoreFailure.isUnavailable(error) {
            var answer = AdminAPIError(
                status: .serviceUnavailable, message: "the database is not answering; try again shortly",
                requestID: requestID)
            answer.headers[.retryAfter] = "5"
            return answer
        }
        if let error = error as? HTTPError {
            return AdminAPIError(status: error.status, message: error.body ?? error.status.reasonPhrase)
        }
        if let error = error as? any HTTPResponseError {
            let message =
                error.status == .contentTooLarge
                ? "the body is larger than the limit of \(maxUploadSize) bytes" : error.status.reasonPhrase
            return AdminAPIError(status: error.status, message: message)
        }
        return AdminAPIError(
            status: .internalServerError, message: "internal error (request \(requestID))", requestID: requestID)
    }

    /// The JSON response.
    public var response: Response {
        var response = APIResponse.json(Body(self), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The error's JSON shape.
    struct Body: Encodable {
        let error: AdminAPIError

        init(_ error: AdminAPIError) { self.error = error }

        enum CodingKeys: String, CodingKey {
            case status, message, field
            case updatedAt = "updated_at"
            case requestID = "request_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Int(error.status.code), forKey: .status)
            try container.encode(error.message, forKey: .message)
            try container.encodeIfPresent(error.field, forKey: .field)
            try container.encodeIfPresent(error.updatedAt, forKey: .updatedAt)
            try container.encodeIfPresent(error.requestID, forKey: .requestID)
        }
    }
}
