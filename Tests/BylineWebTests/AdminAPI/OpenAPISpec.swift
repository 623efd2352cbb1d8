import BylineTestSupport
import BylineWeb
import Foundation

/// `openapi/admin-api.yaml`, read for what the tests check against the server: which operations
/// it describes, and whether a real answer fits the schema it gives for that operation and
/// status. The schema check covers what the spec uses: `$ref`, `type` (one or a list),
/// `properties` with `required` (objects are closed: a key the schema does not list is a
/// finding), `items`, `enum`, `oneOf` and `format: date-time`.
struct OpenAPISpec {
    let root: JSONValue

    static let path = Fixtures.repositoryRoot.appendingPathComponent("openapi/admin-api.yaml").path

    /// The spec, parsed once for the whole run.
    static let shared: Result<OpenAPISpec, any Error> = Result {
        OpenAPISpec(root: try MiniYAML.parse(String(contentsOfFile: path, encoding: .utf8)))
    }

    /// The server prefix the paths are relative to (`servers[0].url`).
    var basePath: String { root["servers"]?[0]?["url"]?.stringValue ?? "" }

    /// Every described operation as `"GET /posts/{id}"`.
    var operations: Set<String> {
        var result: Set<String> = []
        for (path, item) in root["paths"]?.objectValue ?? [:] {
            for method in (item.objectValue ?? [:]).keys where Self.methods.contains(method) {
                result.insert("\(method.uppercased()) \(path)")
            }
        }
        return result
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// The described path a concrete one (`/posts/12/publish`) matches (`/posts/{id}/publish`).
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return (root["paths"]?.objectValue ?? [:]).keys.sorted().first { template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { part, segment in
                    (part.hasPrefix("{") && part.hasSuffix("}") && !segment.isEmpty) || part == segment
                }
        }
    }

    /// What is wrong with an answer to `method path`: an undocumented status, a body where the
    /// spec has none (or none where it has one), a body that does not fit the schema.
    func problems(method: String, path: String, status: Int, body: JSONValue?) -> [String] {
        let name = "\(method.uppercased()) \(path) → \(status)"
        guard let template = template(for: path),
            let operation = root["paths"]?[template]?[method.lowercased()]
        else { return ["\(name): the spec describes no such operation"] }
        guard var response = operation["responses"]?[String(status)] else {
            return ["\(name): status \(status) is not documented"]
        }
        if let ref = response["$ref"]?.stringValue {
            guard let resolved = resolve(ref) else { return ["\(name): unresolved \(ref)"] }
            response = resolved
        }
        guard let schema = response["content"]?["application/json"]?["schema"] else {
            return body == nil ? [] : ["\(name): the spec gives no body, the server sent one"]
        }
        guard let body else { return ["\(name): the spec gives a JSON body, the server sent none"] }
        return problems(body, schema, at: name)
    }

    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    /// Where `value` does not fit `schema`, each finding with its JSON path.
    func problems(_ value: JSONValue, _ schema: JSONValue, at location: String) -> [String] {
        if let ref = schema["$ref"]?.stringValue {
            guard let resolved = resolve(ref) else { return ["\(location): unresolved \(ref)"] }
            return problems(value, resolved, at: location)
        }
        if let choices = schema["oneOf"]?.arrayValue {
            let fitting = choices.filter { problems(value, $0, at: location).isEmpty }
            return fitting.count == 1 ? [] : ["\(location): fits \(fitting.count) of the oneOf choices, not 1"]
        }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            guard allowed.contains(where: { Self.has(value, type: $0) }) else {
                return ["\(location): \(value.typeName) where the spec says \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) {
            found.append("\(location): \(value) is not one of the enum's values")
        }
        if schema["format"]?.stringValue == "date-time", case .string(let text) = value,
            APITimestamp.date(text) == nil
        {
            found.append("\(location): \(text) is not a date-time")
        }
        if case .object(let object) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            where object[required] == nil {
                found.append("\(location): required \"\(required)\" is missing")
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                guard let property = properties[key] else {
                    found.append("\(location): \"\(key)\" is not a property the spec lists")
                    continue
                }
                found += problems(item, property, at: "\(location).\(key)")
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(location)[\(index)]") }
        }
        return found
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"),
            (.number, "number"):
            true
        case (.number(let number), "integer"): number.rounded() == number
        default: false
        }
    }
}

/// Reading parsed JSON (answers and the spec) in tests.
extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var intValue: Int64? {
        if case .number(let number) = self { return Int64(exactly: number) }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var isNull: Bool { self == .null }
}
