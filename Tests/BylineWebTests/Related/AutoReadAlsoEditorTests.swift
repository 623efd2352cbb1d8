import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// The editor's switch for the automatic READ ALSO: the post editor's checkbox and the Admin
/// API's `auto_read_also`, both stored on the post.
@Suite struct AutoReadAlsoEditorTests {
    static let label = "Add a READ ALSO link to a related article automatically"

    @Test(arguments: StoreKind.allCases) func theEditorsCheckboxTurnsItOffAndOn(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Talks resume", markdown: "Text.")
            let loaded = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(loaded.text.contains(Self.label))
            #expect(loaded.text.contains("name=\"auto_read_also\" value=\"on\" checked"), "on by default")
            #expect(try await site.store.post(id: id)?.autoReadAlso == true)

            // Unticked: the browser sends the hidden field alone.
            let token = try #require(hiddenValue(loaded.text, "updated_at"))
            site.clock.advance(by: 5)
            let off = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "Talks resume", markdown: "Text.", updatedAt: token,
                    extra: [("auto_read_also_shown", "1")]),
                headers: editor.headers())
            #expect(off.status == .seeOther)
            #expect(try await site.store.post(id: id)?.autoReadAlso == false)
            let reloaded = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(reloaded.text.contains("name=\"auto_read_also\" value=\"on\">"), "shown unticked")

            let again = try #require(hiddenValue(reloaded.text, "updated_at"))
            site.clock.advance(by: 5)
            let on = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "Talks resume", markdown: "Text.", updatedAt: again,
                    extra: [("auto_read_also_shown", "1"), ("auto_read_also", "on")]),
                headers: editor.headers())
            #expect(on.status == .seeOther, "\(on.headers[.location] ?? "")")
            #expect(try await site.store.post(id: id)?.autoReadAlso == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func theAdminAPIReadsAndWritesIt(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let api = api.with(token: staff.author.token)
            let created = try await api.call(
                .post, "/posts", json: AdminAPIClient.body(["title": "Ferry strike ends", "markdown": "Text."]))
            let post = try #require(created.first("posts"))
            #expect(post["auto_read_also"] == .bool(true))
            let id = try #require(post["id"]?.intValue)
            let saved = try await api.call(
                .put, "/posts/\(id)",
                json: AdminAPIClient.body([
                    "updated_at": try #require(post["updated_at"]?.stringValue), "auto_read_also": false,
                ]))
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved.first("posts")?["auto_read_also"] == .bool(false))
            #expect(try await site.store.post(id: Int64(id))?.autoReadAlso == false)
            let wrong = try await api.call(
                .put, "/posts/\(id)",
                json: AdminAPIClient.body([
                    "updated_at": try #require(saved.first("posts")?["updated_at"]?.stringValue),
                    "auto_read_also": "no",
                ]))
            #expect(wrong.code == 422)
            #expect(wrong.field == "auto_read_also")
        }
    }
}
