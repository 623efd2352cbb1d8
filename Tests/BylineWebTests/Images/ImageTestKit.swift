import BylineCore
import BylineImages
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Image files the image tests upload: the processor's fixtures and the demo's pictures.
enum ImageFiles {
    static func fixture(_ name: String) throws -> [UInt8] {
        try bytes(Fixtures.repositoryRoot.appendingPathComponent("Tests/BylineImagesTests/Fixtures/\(name)").path)
    }

    /// A 1600 × 900 JPEG of the demo (variants 320, 640, 960, 1280 and 1600 wide).
    static func demo(_ stem: String = "07-rebuilt-bridge-reopens") throws -> [UInt8] {
        try bytes(demoPath(stem))
    }

    static func demoPath(_ stem: String) -> String {
        Fixtures.repositoryRoot.appendingPathComponent("Demo/images/\(stem).jpg").path
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return [UInt8](data)
    }
}

extension AdminAPIClient {
    /// `POST /api/admin/images` with `bytes` as the raw body, checked against the spec like
    /// every other call.
    func upload(
        _ bytes: [UInt8], contentType: String = "image/jpeg", filename: String? = "photo.jpg",
        headers extra: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIAnswer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = contentType
        let query =
            filename.map { "?filename=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }
            ?? ""
        let response = try await client.execute(
            uri: "/api/admin/images" + query, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        let answer = APIAnswer(status: response.status, headers: response.headers, json: parsed)
        if case .success(let spec) = OpenAPISpec.shared {
            for problem in spec.problems(method: "POST", path: "/images", status: answer.code, body: parsed) {
                Issue.record("openapi: \(problem)", sourceLocation: sourceLocation)
            }
        }
        return answer
    }
}
