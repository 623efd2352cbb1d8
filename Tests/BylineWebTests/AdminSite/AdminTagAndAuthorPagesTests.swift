import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/admin/tags/` and `/admin/authors/` over the real server: who may change what, and forms
/// that come back with the refusal's message and status.
@Suite struct AdminTagAndAuthorPagesTests {
    @Test(arguments: StoreKind.allCases) func anEditorRenamesATagAndAnAuthorCannot(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let author = try await site.signedIn(.author)
        let tag = try await site.publishTagged("Politics")
        try await site.serve { client in
            let editorList = try await client.get("/admin/tags/", headers: editor.headers())
            #expect(editorList.status == .ok)
            #expect(editorList.text.contains("action=\"/admin/tags/\(tag.id)\""))
            // An author sees the tags with their counts, without the forms.
            let authorList = try await client.get("/admin/tags/", headers: author.headers())
            #expect(authorList.status == .ok)
            #expect(authorList.text.contains(">Politics</a>"))
            #expect(!authorList.text.contains("action=\"/admin/tags/\(tag.id)\""))

            let rename = [("name", "Power"), ("slug", "power"), ("description", "Who runs things.")]
            let refused = try await client.postForm(
                "/admin/tags/\(tag.id)", csrfFields(author, rename), headers: author.headers())
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("class=\"alert alert-error\""))
            #expect(refused.text.contains("cannot edit tags"))
            #expect(try await client.get("/tag/politics/").status == .ok)

            let renamed = try await client.postForm(
                "/admin/tags/\(tag.id)", csrfFields(editor, rename), headers: editor.headers())
            #expect(renamed.status == .seeOther)
            #expect(renamed.headers[.location] == "/admin/tags/?done=tag-saved")
            let after = try await client.get("/admin/tags/?done=tag-saved", headers: editor.headers())
            #expect(after.text.contains("Tag saved."))
            #expect(after.text.contains(">Power</a>"))
            #expect(try await client.get("/tag/power/").status == .ok)

            let blank = try await client.postForm(
                "/admin/tags/\(tag.id)", csrfFields(editor, [("name", "  "), ("slug", "")]), headers: editor.headers())
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("name: is required"))
            let badSlug = try await client.postForm(
                "/admin/tags/\(tag.id)", csrfFields(editor, [("name", "Power"), ("slug", "Not A Slug")]),
                headers: editor.headers())
            #expect(badSlug.status == .unprocessableContent)
            #expect(badSlug.text.contains("slug: use lowercase letters"))
            // What was typed comes back in the form.
            #expect(badSlug.text.contains("value=\"Not A Slug\""))

            let authorDelete = try await client.postForm(
                "/admin/tags/\(tag.id)/delete", csrfFields(author, []), headers: author.headers())
            #expect(authorDelete.status == .forbidden)
            let deleted = try await client.postForm(
                "/admin/tags/\(tag.id)/delete", csrfFields(editor, []), headers: editor.headers())
            #expect(deleted.status == .seeOther)
            #expect(try await site.store.allTags().isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func staffEditTheirOwnProfileAndEditorsEditAnyone(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let author = try await site.signedIn(.author, name: "Ada Writer")
        let other = try await site.signedIn(.contributor, name: "Otto Other")
        try await site.serve { client in
            let page = try await client.get("/admin/authors/", headers: author.headers())
            #expect(page.status == .ok)
            #expect(page.text.contains("action=\"/admin/authors/\(author.user.authorID)\""))
            #expect(!page.text.contains("action=\"/admin/authors/\(other.user.authorID)\""))

            let own = try await client.postForm(
                "/admin/authors/\(author.user.authorID)",
                csrfFields(author, [("name", "Ada Writer"), ("slug", "ada"), ("bio", "Covers courts.")]),
                headers: author.headers())
            #expect(own.status == .seeOther)
            #expect(try await site.store.author(id: author.user.authorID)?.bio == "Covers courts.")

            let others = try await client.postForm(
                "/admin/authors/\(other.user.authorID)",
                csrfFields(author, [("name", "Someone Else"), ("slug", ""), ("bio", "")]), headers: author.headers())
            #expect(others.status == .forbidden)
            #expect(try await site.store.author(id: other.user.authorID)?.name == "Otto Other")

            let byEditor = try await client.postForm(
                "/admin/authors/\(other.user.authorID)",
                csrfFields(editor, [("name", "Otto Other"), ("slug", ""), ("bio", "Sports desk.")]),
                headers: editor.headers())
            #expect(byEditor.status == .seeOther)
            let edited = try #require(try await site.store.author(id: other.user.authorID))
            #expect(edited.bio == "Sports desk.")
            // A blank slug is made from the name.
            #expect(edited.slug == "otto-other")
        }
    }
}
