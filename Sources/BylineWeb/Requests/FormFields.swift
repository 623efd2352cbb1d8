import Foundation
import Hummingbird

/// A URL-encoded form body, read within the context's size limit, with field access that names
/// the field in its error (422 "title: is required").
public struct FormFields: Sendable {
    public private(set) var values: [String: [String]]

    public init(values: [String: [String]]) {
        self.values = values
    }

    /// Reads and parses the body. A body over the limit is 413; a body that is not
    /// `application/x-www-form-urlencoded` is 415.
    public static func read(_ request: Request, context: BylineRequestContext) async throws -> FormFields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "Expected a form (application/x-www-form-urlencoded).")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(encoded: String(buffer: buffer))
    }

    /// Parses `a=1&b=two+words&b=3`.
    public init(encoded: String) {
        var values: [String: [String]] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
        self.values = values
    }

    public subscript(_ name: String) -> String? { values[name]?.last }

    /// The trimmed value, or 422 naming the field when it is missing or blank.
    public func required(_ name: String) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw NewsroomError.invalidField(field: name, reason: "is required")
        }
        return value
    }

    /// The trimmed value; nil when absent or blank.
    public func optional(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// An integer field, or 422 naming it.
    public func integer(_ name: String) throws -> Int64? {
        guard let text = optional(name) else { return nil }
        guard let value = Int64(text) else {
            throw NewsroomError.invalidField(field: name, reason: "must be a whole number")
        }
        return value
    }
}
