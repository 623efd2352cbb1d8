import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// Tags, authors, settings and `me` through the Admin API.
@Suite struct AdminAPISiteTests {
    @Test(arguments: StoreKind.allCases)
    func tags(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let editor = api.with(token: staff.editor.token)
            let author = api.with(token: staff.author.token)
            let created = try await author.call(
                .post, "/posts", json: #"{"title": "Talks resume", "tags": ["Europe"]}"#)
            let postID = try #require(created.first("posts")?["id"]?.intValue)
            #expect(try await author.call(.post, "/posts/\(postID)/publish").code == 200)

            let listed = try await author.get("/tags")
            #expect(listed.code == 200)
            let tag = try #require(listed["tags"]?.arrayValue?.first { $0["name"] == .string("Europe") })
            #expect(tag["post_count"] == .number(1))
            #expect(tag["url"] == .string("https://news.example/tag/europe/"))
            let tagID = try #require(tag["id"]?.intValue)

            let refused = try await author.call(.put, "/tags/\(tagID)", json: #"{"description": "Mine now"}"#)
            #expect(refused.code == 403)
            let saved = try await editor.call(.put, "/tags/\(tagID)", json: #"{"description": "News from Europe."}"#)
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved.first("tags")?["description"] == .string("News from Europe."))
            #expect(saved.first("tags")?["name"] == .string("Europe"))
            let blank = try await editor.call(.put, "/tags/\(tagID)", json: #"{"name": ""}"#)
            #expect(blank.code == 422)
            #expect(blank.field == "name")
            #expect(try await editor.call(.put, "/tags/999999", json: "{}").code == 404)

            #expect(try await author.call(.delete, "/tags/\(tagID)").code == 403)
            #expect(try await editor.call(.delete, "/tags/\(tagID)").code == 204)
            #expect(try await editor.get("/tags")["tags"]?.arrayValue?.isEmpty == true)
            #expect(try await author.get("/posts/\(postID)").first("posts")?["tags"] == .array([]))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func authors(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let author = api.with(token: staff.author.token)
            let listed = try await author.get("/authors")
            #expect(listed.code == 200)
            let names = listed["authors"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(Set(names).isSuperset(of: ["Ann Author", "Ed Editor"]))
            let own = staff.author.user.authorID

            let saved = try await author.call(.put, "/authors/\(own)", json: #"{"bio": "Covers the courts."}"#)
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved.first("authors")?["bio"] == .string("Covers the courts."))
            #expect(saved.first("authors")?["name"] == .string("Ann Author"))
            #expect(saved.first("authors")?["user_id"]?.intValue == staff.author.user.id)

            let others = try await author.call(
                .put, "/authors/\(staff.editor.user.authorID)", json: #"{"bio": "Not mine."}"#)
            #expect(others.code == 403)
            let editor = api.with(token: staff.editor.token)
            #expect(try await editor.call(.put, "/authors/\(own)", json: #"{"name": "Ann A. Author"}"#).code == 200)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func settings(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let owner = api.with(token: staff.owner.token)
            let read = try await api.with(token: staff.contributor.token).get("/settings")
            #expect(read.code == 200)
            #expect(read["settings"]?["timezone"] == .string("UTC"))

            let saved = try await owner.call(
                .put, "/settings",
                json: #"{"title": "Scoop Hub", "timezone": "Europe/London", "posts_per_page": 12}"#)
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved["settings"]?["title"] == .string("Scoop Hub"))
            #expect(saved["settings"]?["timezone"] == .string("Europe/London"))
            #expect(saved["settings"]?["posts_per_page"] == .number(12))
            #expect(saved["settings"]?["description"] == read["settings"]?["description"])

            for (body, field) in [
                (#"{"timezone": "Mars/Olympus_Mons"}"#, "timezone"),
                (#"{"timezone": "GMT+5"}"#, "timezone"),
                (#"{"timezone": "europe/london"}"#, "timezone"),
                (#"{"posts_per_page": 0}"#, "posts_per_page"),
                (#"{"posts_per_page": "ten"}"#, "posts_per_page"),
                (#"{"title": ""}"#, "title"),
                (#"{"language": "en_GB!"}"#, "language"),
            ] {
                let answer = try await owner.call(.put, "/settings", json: body)
                #expect(answer.code == 422, "\(body)")
                #expect(answer.field == field, "\(body): \(answer.message)")
            }
            #expect(try await api.with(token: staff.editor.token).call(.put, "/settings", json: "{}").code == 403)
            #expect(try await owner.get("/settings")["settings"]?["timezone"] == .string("Europe/London"))

            // Readers see the new title.
            let home = try await api.client.poll("/") { $0.text.contains("Scoop Hub") }
            #expect(home.text.contains("Scoop Hub"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func me(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let answer = try await api.with(token: staff.contributor.token).get("/me")
            #expect(answer.code == 200)
            let user = try #require(answer.first("users"))
            #expect(user["email"] == .string("contributor@news.example"))
            #expect(user["role"] == .string("contributor"))
            #expect(user["author_id"]?.intValue == staff.contributor.user.authorID)
        }
    }
}
