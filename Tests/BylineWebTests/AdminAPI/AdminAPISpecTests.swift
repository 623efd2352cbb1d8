import BylineTestSupport
import Foundation
import Hummingbird
import Testing

@testable import BylineWeb

/// `openapi/admin-api.yaml` against the code: the routes the API registers and the operations
/// the spec describes are the same set, and the spec is whole (every `$ref` resolves). That real
/// answers fit its schemas is checked by every other Admin API test (``AdminAPIClient``).
@Suite struct AdminAPISpecTests {
    @Test func everyRouteIsDescribedAndNothingElse() async throws {
        let spec = try OpenAPISpec.shared.get()
        let site = try await TestSite.open(.sqlite)
        let theme = try await Theme(directory: Fixtures.themeDirectory)
        let adminTheme = try await AdminTheme(directory: Fixtures.adminThemeDirectory)
        let server = SiteServer(
            store: site.store, theme: theme, options: SiteOptions(publicURL: "https://news.example"),
            clock: site.clock, newsroom: .init(store: site.store, adminTheme: adminTheme, hasher: TestSite.hasher))
        let env = try #require(server.newsroom)
        let router = Router(context: BylineRequestContext.self)
        AdminAPI(env: env).register(on: router.group("api/admin"))
        await site.temp.close()

        #expect(spec.basePath == "/api/admin")
        var registered: Set<String> = []
        for route in router.routes where !route.path.description.hasSuffix("/**") {
            let path = route.path.description
            #expect(path.hasPrefix(spec.basePath + "/"), "\(path)")
            registered.insert("\(route.method.rawValue) \(path.dropFirst(spec.basePath.count))")
        }
        #expect(registered.count >= 18)
        #expect(
            registered.subtracting(spec.operations).isEmpty,
            "registered, not in openapi/admin-api.yaml: \(registered.subtracting(spec.operations).sorted())")
        #expect(
            spec.operations.subtracting(registered).isEmpty,
            "in openapi/admin-api.yaml, not registered: \(spec.operations.subtracting(registered).sorted())")
    }

    @Test func specIsWhole() throws {
        let spec = try OpenAPISpec.shared.get()
        #expect(spec.root["openapi"] == .string("3.1.0"))
        #expect(spec.root["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == .string("bearer"))
        var refs: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let ref = object["$ref"]?.stringValue { refs.append(ref) }
                object.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(spec.root)
        #expect(refs.count > 50)
        for ref in Set(refs) { #expect(spec.resolve(ref) != nil, "unresolved \(ref)") }
        // Every property a schema requires is one it lists.
        for (name, schema) in spec.root["components"]?["schemas"]?.objectValue ?? [:] {
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect(properties[required] != nil, "\(name) requires \(required) but does not list it")
            }
        }
    }

    /// The spec's schemas catch what they should: a missing required key, an extra key, a
    /// wrong type.
    @Test func schemaCheckFindsMismatches() throws {
        let spec = try OpenAPISpec.shared.get()
        let tag: JSONValue = .object([
            "id": .number(1), "name": .string("Europe"), "slug": .string("europe"), "description": .string(""),
            "url": .string("https://news.example/tag/europe/"),
        ])
        let schema: JSONValue = .object(["$ref": .string("#/components/schemas/Tag")])
        #expect(spec.problems(tag, schema, at: "tag").isEmpty)
        guard case .object(var object) = tag else { return }
        object["colour"] = .string("blue")
        #expect(spec.problems(.object(object), schema, at: "tag").count == 1)
        object["colour"] = nil
        object["slug"] = nil
        object["id"] = .number(1.5)
        #expect(spec.problems(.object(object), schema, at: "tag").count == 2)
        #expect(!spec.problems(method: "GET", path: "/tags", status: 418, body: nil).isEmpty)
        #expect(spec.template(for: "/posts/12/revisions/3/restore") == "/posts/{id}/revisions/{revision}/restore")
    }

    @Test func yamlReaderReadsTheSubset() throws {
        let source = """
            # a comment
            title: 'It''s here'
            count: 3
            flag: true
            empty:
            list:
              - a
              - {$ref: '#/x', type: [integer, 'null'], description: A plain one.}
              - name: id
                in: path
            nested:
              '200': {description: "say \\"hi\\""}
              /posts/{id}:
                get: []
            """
        let value = try MiniYAML.parse(source)
        #expect(value["title"] == .string("It's here"))
        #expect(value["count"] == .number(3))
        #expect(value["flag"] == .bool(true))
        #expect(value["empty"] == .null)
        #expect(value["list"]?[0] == .string("a"))
        #expect(
            value["list"]?[1]
                == .object([
                    "$ref": .string("#/x"), "type": .array([.string("integer"), .string("null")]),
                    "description": .string("A plain one."),
                ]))
        #expect(value["list"]?[2] == .object(["name": .string("id"), "in": .string("path")]))
        #expect(value["nested"]?["200"]?["description"] == .string("say \"hi\""))
        #expect(value["nested"]?["/posts/{id}"]?["get"] == .array([]))

        for unsupported in ["a: |\n  text", "a: &anchor 1", "a:\n\tb: 1", "a: 1 # note", "a: 1\na: 2", "a: [1, 2"] {
            #expect(throws: MiniYAML.SyntaxError.self, "\(unsupported)") { try MiniYAML.parse(unsupported) }
        }
    }
}
