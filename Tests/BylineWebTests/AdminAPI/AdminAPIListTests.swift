import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// `GET /api/admin/posts`: pages, filters, and who sees which posts.
@Suite struct AdminAPIListTests {
    @Test(arguments: StoreKind.allCases)
    func paginationAndFilters(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let editor = api.with(token: staff.editor.token)
            let author = api.with(token: staff.author.token)
            var europe: [Int64] = []
            for (title, tag) in [
                ("Summit in Vienna", "Europe"), ("Rail strike in Lyon", "Europe"), ("Ports reopen in Gdansk", "Europe"),
                ("Derby ends level", "Sport"), ("Marathon record falls", "Sport"),
            ] {
                site.clock.advance(by: 1)
                let created = try await editor.call(
                    .post, "/posts", json: AdminAPIClient.body(["title": title, "tags": [tag]]))
                #expect(created.code == 201, "\(created.message)")
                if tag == "Europe" { europe.append(try #require(created.first("posts")?["id"]?.intValue)) }
            }
            site.clock.advance(by: 1)
            #expect(try await editor.call(.post, "/posts/\(europe[0])/publish").code == 200)
            #expect(try await editor.call(.post, "/posts/\(europe[1])/publish").code == 200)
            site.clock.advance(by: 1)
            #expect(try await author.call(.post, "/posts", json: #"{"title": "Own story"}"#).code == 201)

            let first = try await editor.get("/posts?limit=2")
            #expect(first.code == 200)
            #expect(first["posts"]?.arrayValue?.count == 2)
            #expect(
                first["meta"]?["pagination"]
                    == .object([
                        "page": .number(1), "limit": .number(2), "pages": .number(3), "total": .number(6),
                        "next": .number(2), "prev": .null,
                    ]))
            // Most recently updated first.
            #expect(first["posts"]?[0]?["title"] == .string("Own story"))
            let last = try await editor.get("/posts?limit=2&page=3")
            #expect(last["posts"]?.arrayValue?.count == 2)
            #expect(last["meta"]?["pagination"]?["next"] == .null)
            #expect(last["meta"]?["pagination"]?["prev"] == .number(2))
            let all = try await editor.get("/posts")
            #expect(all["meta"]?["pagination"]?["limit"] == .number(15))
            #expect(all["posts"]?.arrayValue?.count == 6)

            func ids(_ answer: APIAnswer) -> Set<Int64> {
                Set(answer["posts"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? [])
            }
            #expect(ids(try await editor.get("/posts?status=published")) == Set(europe.prefix(2)))
            #expect(try await editor.get("/posts?status=draft")["meta"]?["pagination"]?["total"] == .number(4))
            #expect(ids(try await editor.get("/posts?tag=europe")) == Set(europe))
            #expect(ids(try await editor.get("/posts?tag=europe&status=draft")) == [europe[2]])
            let byAuthor = try await editor.get("/posts?author=\(staff.author.user.authorID)")
            #expect(byAuthor["posts"]?.arrayValue?.compactMap { $0["title"]?.stringValue } == ["Own story"])
            let search = try await editor.get("/posts?search=strike")
            #expect(search["posts"]?.arrayValue?.compactMap { $0["title"]?.stringValue } == ["Rail strike in Lyon"])

            // An author sees their own posts only, whatever they ask for.
            let own = try await author.get("/posts?limit=100")
            #expect(own["posts"]?.arrayValue?.compactMap { $0["title"]?.stringValue } == ["Own story"])

            for (query, field) in [
                ("limit=101", "limit"), ("limit=0", "limit"), ("page=0", "page"), ("page=two", "page"),
                ("status=live", "status"), ("author=someone", "author"),
            ] {
                let answer = try await editor.get("/posts?\(query)")
                #expect(answer.code == 422, "\(query)")
                #expect(answer.field == field, "\(query): \(answer.message)")
            }
        }
    }
}
