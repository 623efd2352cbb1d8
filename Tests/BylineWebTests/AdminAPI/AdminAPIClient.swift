import BylineCore
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// One Admin API answer, its body parsed.
struct APIAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: JSONValue?

    var code: Int { status.code }
    subscript(key: String) -> JSONValue? { json?[key] }
    /// The one resource of a Ghost envelope: `{"posts": [post]}` → post.
    func first(_ key: String) -> JSONValue? { json?[key]?[0] }
    var message: String { json?["message"]?.stringValue ?? "" }
    var field: String? { json?["field"]?.stringValue }
}

/// Calls the Admin API of a live test server as one staff member (or nobody), and checks every
/// answer against `openapi/admin-api.yaml`: its status must be documented for the operation,
/// and its body must fit the schema given for that status. A finding is recorded as a test
/// issue at the call site, so every test of the API also tests the spec.
struct AdminAPIClient {
    let client: any TestClientProtocol
    /// The `Authorization: Bearer` token; nil sends none.
    var token: String?

    /// A client acting with another token.
    func with(token: String?) -> AdminAPIClient { AdminAPIClient(client: client, token: token) }

    /// `method /api/admin<path>` with `json` as the body (sent as `application/json` unless
    /// `headers` names another type).
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, headers: HTTPFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIAnswer {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if json != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: "/api/admin" + path, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) })
        let bytes = Data(buffer: response.body)
        var parsed: JSONValue?
        if !bytes.isEmpty {
            #expect(
                response.headers[.contentType]?.hasPrefix("application/json") == true,
                "\(method) \(path): answered \(response.headers[.contentType] ?? "no content type")",
                sourceLocation: sourceLocation)
            parsed = try? JSONDecoder().decode(JSONValue.self, from: bytes)
            #expect(
                parsed != nil, "\(method) \(path): the body is not JSON: \(String(buffer: response.body))",
                sourceLocation: sourceLocation)
        }
        let answer = APIAnswer(status: response.status, headers: response.headers, json: parsed)
        switch OpenAPISpec.shared {
        case .success(let spec):
            let route = String(path.split(separator: "?", maxSplits: 1).first ?? "")
            for problem in spec.problems(method: method.rawValue, path: route, status: answer.code, body: parsed) {
                Issue.record("openapi: \(problem)", sourceLocation: sourceLocation)
            }
        case .failure(let error):
            Issue.record("openapi/admin-api.yaml does not parse: \(error)", sourceLocation: sourceLocation)
        }
        return answer
    }

    func get(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIAnswer {
        try await call(.get, path, sourceLocation: sourceLocation)
    }

    /// The public site's status for `path` (no token sent), polled up to 2 s until it is
    /// `expected`: what readers see after an API write.
    func publicStatus(_ path: String, until expected: Int? = nil) async throws -> Int {
        let response = try await client.poll(path) { expected == nil || $0.status.code == expected }
        return response.status.code
    }

    /// JSON text for a body from a dictionary literal.
    static func body(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
