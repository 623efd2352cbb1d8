import Foundation
import Hummingbird
import NIOCore

/// A JSON request body read as an object, with typed field access that names the field in its
/// error (422 `{"field": "title", "message": "title: is required"}`), so a client learns which
/// of its values to fix. The JSON twin of ``FormFields``.
public struct JSONFields: Sendable {
    public let values: [String: JSONValue]

    public init(values: [String: JSONValue]) {
        self.values = values
    }

    /// Reads the body within the context's size limit (413 beyond it). A body that is not
    /// `application/json` is 415, one that does not parse as a JSON object is 400. `allowEmpty`:
    /// an action whose fields are all optional (publish) may come without a body at all.
    ///
    /// Ghost's clients wrap a resource as `{"posts": [{...}]}`: with `envelope` set to that key,
    /// the one object inside is read; a bare object is read as it is.
    public static func read(
        _ request: Request, context: BylineRequestContext, envelope: String? = nil, allowEmpty: Bool = false
    ) async throws -> JSONFields {
        var request = request
        let type = request.headers[.contentType]?.lowercased() ?? ""
        // An empty body needs no type; any other must say it is JSON, before it is read.
        if !allowEmpty || request.headers[.contentLength].map({ $0 != "0" }) == true {
            guard type.hasPrefix("application/json") else { throw Self.unsupportedType }
        }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        if allowEmpty, buffer.readableBytes == 0 { return JSONFields(values: [:]) }
        guard type.hasPrefix("application/json") else { throw Self.unsupportedType }
        return try JSONFields(json: Data(buffer: buffer), envelope: envelope)
    }

    static let unsupportedType = AdminAPIError(
        status: .unsupportedMediaType, message: "send the body as JSON (Content-Type: application/json)")

    /// Parses a body; see ``read(_:context:envelope:allowEmpty:)``.
    public init(json: Data, envelope: String? = nil) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            throw AdminAPIError(status: .badRequest, message: "the body is not valid JSON")
        }
        guard case .object(var object) = value else {
            throw AdminAPIError(status: .badRequest, message: "the body must be a JSON object, not \(value.typeName)")
        }
        if let envelope, case .array(let items)? = object[envelope] {
            guard items.count == 1, case .object(let inner) = items[0] else {
                throw NewsroomError.invalidField(field: envelope, reason: "must hold exactly one object")
            }
            object = inner
        }
        self.values = object
    }

    /// Whether the body names the field at all (`null` counts): absent fields keep their value.
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// A string field; nil when absent or null.
    public func string(_ name: String) throws -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw Self.wrongType(name, other, expected: "a string")
        }
    }

    /// A string field that must be there and hold more than whitespace; trimmed.
    public func requiredString(_ name: String) throws -> String {
        guard let text = try string(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw NewsroomError.invalidField(field: name, reason: "is required")
        }
        return text
    }

    /// A whole-number field; nil when absent or null.
    public func integer(_ name: String) throws -> Int64? {
        switch values[name] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard number.rounded() == number, let value = Int64(exactly: number) else {
                throw NewsroomError.invalidField(field: name, reason: "must be a whole number")
            }
            return value
        case let other?: throw Self.wrongType(name, other, expected: "a whole number")
        }
    }

    /// A date-time field; nil when absent or null.
    public func date(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard let date = APITimestamp.date(text) else {
            throw NewsroomError.invalidField(
                field: name, reason: "must be an ISO 8601 date-time with a time zone, e.g. 2026-05-28T09:30:00Z")
        }
        return date
    }

    /// A field holding one of an enumeration's raw values; nil when absent or null.
    public func choice<Value: RawRepresentable & CaseIterable>(_ name: String, of type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw NewsroomError.invalidField(field: name, reason: "must be one of \(choices)")
        }
        return value
    }

    /// A list of names: strings, or objects with a `name` (how Ghost and this API's own answers
    /// list tags, so a post read can be sent back); nil when absent or null.
    public func names(_ name: String) throws -> [String]? {
        switch values[name] {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.map { item in
                switch item {
                case .string(let text): return text
                case .object(let object):
                    guard case .string(let text)? = object["name"] else {
                        throw NewsroomError.invalidField(field: name, reason: "each object needs a \"name\" string")
                    }
                    return text
                default:
                    throw NewsroomError.invalidField(
                        field: name, reason: "must list names (strings), not \(item.typeName)")
                }
            }
        case let other?: throw Self.wrongType(name, other, expected: "an array")
        }
    }

    /// An object field as fields of its own; nil when absent or null.
    public func object(_ name: String) throws -> JSONFields? {
        switch values[name] {
        case nil, .null?: return nil
        case .object(let object)?: return JSONFields(values: object)
        case let other?: throw Self.wrongType(name, other, expected: "an object")
        }
    }

    static func wrongType(_ name: String, _ value: JSONValue, expected: String) -> NewsroomError {
        .invalidField(field: name, reason: "must be \(expected), not \(value.typeName)")
    }
}
