import BylineTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BylineWeb

/// What the Admin API answers when a request is wrong: always JSON with the status, a message
/// and, when one field is at fault, its name.
@Suite struct AdminAPIErrorTests {
    @Test(arguments: StoreKind.allCases)
    func badBodies(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let api = api.with(token: staff.editor.token)

            let notJSON = try await api.call(.post, "/posts", json: #"{"title": "Unclosed"#)
            #expect(notJSON.code == 400)
            #expect(notJSON["status"] == .number(400))
            #expect(notJSON.field == nil)
            #expect(try await api.call(.post, "/posts", json: #"["a list"]"#).code == 400)

            let form = try await api.call(.post, "/posts", json: "title=Form", headers: [.contentType: "text/plain"])
            #expect(form.code == 415)

            let noTitle = try await api.call(.post, "/posts", json: #"{"markdown": "Words."}"#)
            #expect(noTitle.code == 422)
            #expect(noTitle.field == "title")
            #expect(noTitle.message.contains("title"))
            #expect(try await api.call(.post, "/posts", json: #"{"title": "   "}"#).field == "title")

            for (body, field) in [
                (#"{"title": 5}"#, "title"),
                (#"{"title": "T", "tags": "Europe"}"#, "tags"),
                (#"{"title": "T", "tags": [1]}"#, "tags"),
                (#"{"title": "T", "visibility": "secret"}"#, "visibility"),
                (#"{"title": "T", "author_id": 1.5}"#, "author_id"),
                (#"{"title": "T", "author_id": 999999}"#, "author"),
                (#"{"title": "T", "status": "published"}"#, "status"),
                (#"{"posts": [{"title": "One"}, {"title": "Two"}]}"#, "posts"),
            ] {
                let answer = try await api.call(.post, "/posts", json: body)
                #expect(answer.code == 422, "\(body): \(answer.code) \(answer.message)")
                #expect(answer.field == field, "\(body): \(answer.message)")
            }

            let tooLarge = try await api.call(
                .post, "/posts",
                json: #"{"title": "Big", "markdown": ""# + String(repeating: "a", count: 3 << 20) + "\"}")
            #expect(tooLarge.code == 413)

            #expect(try await api.get("/posts/999999").code == 404)
            #expect(try await api.get("/posts/not-a-number").code == 404)
            let unknown = try await api.client.execute(
                uri: "/api/admin/nothing-here", method: .get, headers: [.authorization: "Bearer \(staff.editor.token)"])
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
            let wrongMethod = try await api.client.execute(
                uri: "/api/admin/posts/1", method: .patch, headers: [.authorization: "Bearer \(staff.editor.token)"])
            #expect([404, 405].contains(wrongMethod.status.code), "\(wrongMethod.status)")
            #expect(wrongMethod.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    /// No token, or a wrong one, is 401 JSON; a role that may not do something is 403.
    @Test(arguments: StoreKind.allCases)
    func authenticationAndPermissions(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let anonymous = try await api.get("/posts")
            #expect(anonymous.code == 401)
            #expect(anonymous["status"] == .number(401))
            #expect(try await api.with(token: "byline_not-a-real-token").get("/posts").code == 401)
            // A change without credentials is refused too, as unauthenticated.
            #expect(try await api.call(.post, "/posts", json: #"{"title": "Nobody"}"#).code == 401)

            let contributor = api.with(token: staff.contributor.token)
            let draft = try await contributor.call(.post, "/posts", json: #"{"title": "My first draft"}"#)
            #expect(draft.code == 201, "\(draft.message)")
            let id = try #require(draft.first("posts")?["id"]?.intValue)
            let refused = try await contributor.call(.post, "/posts/\(id)/publish")
            #expect(refused.code == 403)
            #expect(!refused.message.isEmpty)
            #expect(try await contributor.get("/posts/\(id)").first("posts")?["status"] == .string("draft"))
            // A contributor uses existing tags only.
            let newTag = try await contributor.call(
                .post, "/posts", json: #"{"title": "Tagged", "tags": ["Brand new"]}"#)
            #expect(newTag.code == 422)
            #expect(newTag.field == "tags")

            let editor = api.with(token: staff.editor.token)
            let published = try await editor.call(.post, "/posts/\(id)/publish")
            #expect(published.code == 200, "\(published.message)")

            // Others' posts are the editor's business, not an author's.
            let author = api.with(token: staff.author.token)
            #expect(try await author.get("/posts/\(id)").code == 403)
            #expect(try await author.call(.delete, "/posts/\(id)").code == 403)
            #expect(try await contributor.call(.put, "/settings", json: #"{"title": "Mine"}"#).code == 403)
        }
    }

    /// A signed-in browser may use the API too, but a change needs its CSRF token.
    @Test(arguments: StoreKind.allCases)
    func browserSessionNeedsCSRFToken(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let session = try await site.accounts.startSession(for: staff.owner.user)
            let cookie = "\(SessionCookie.staffName)=\(session.token)"
            let me = try await api.call(.get, "/me", headers: [.cookie: cookie])
            #expect(me.code == 200)
            #expect(me.first("users")?["role"] == .string("owner"))
            let body = #"{"title": "Signed in"}"#
            let forged = try await api.call(.post, "/posts", json: body, headers: [.cookie: cookie])
            #expect(forged.code == 403)
            let csrf = HTTPField.Name("X-CSRF-Token")!
            let sent = try await api.call(
                .post, "/posts", json: body, headers: [.cookie: cookie, csrf: session.session.csrfToken])
            #expect(sent.code == 201, "\(sent.message)")
        }
    }
}
