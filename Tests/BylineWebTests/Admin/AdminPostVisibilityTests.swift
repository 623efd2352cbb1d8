import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// Who may read a post, as the editor sets it: everyone, members, or paid members (treated as
/// members until paid tiers exist); and the preview cut the editor places in the body.
@Suite struct AdminPostVisibilityTests {
    @Test(arguments: StoreKind.allCases) func theEditorSavesPaidAndShowsItSelected(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "For paying readers", markdown: "Text.")
            let loaded = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(loaded.text.contains("<option value=\"public\" selected>Everyone</option>"))
            #expect(loaded.text.contains("<option value=\"members\">Members only</option>"))
            #expect(loaded.text.contains("<option value=\"paid\">Paid members</option>"))
            #expect(loaded.text.contains("treated as members until paid tiers exist"))
            let token = try #require(hiddenValue(loaded.text, "updated_at"))

            let saved = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "For paying readers", markdown: "Text.", updatedAt: token,
                    extra: [("visibility", "paid")]),
                headers: editor.headers())
            #expect(saved.status == .seeOther)
            #expect(try await site.store.post(id: id)?.visibility == .paid)
            let reloaded = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(reloaded.text.contains("<option value=\"paid\" selected>Paid members</option>"))
            #expect(reloaded.text.contains("<option value=\"public\">Everyone</option>"))

            // The posts list marks it as it marks members-only posts.
            let list = try await client.get("/admin/posts/", headers: editor.headers())
            #expect(list.text.contains("badge-members"))

            let newToken = try #require(hiddenValue(reloaded.text, "updated_at"))
            let refused = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "For paying readers", markdown: "Changed.", updatedAt: newToken,
                    extra: [("visibility", "vip")]),
                headers: editor.headers())
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("must be public, members or paid"))
            #expect(refused.text.contains("Changed.</textarea>"))
            #expect(try await site.store.post(id: id)?.visibility == .paid)
        }
    }

    @Test(arguments: StoreKind.allCases) func theEditorExplainsTheCutAndPreviewsIt(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let markdown = "First.\n\nSecond.\n\n<!--more-->\n\nThird."
            let id = try await client.createPost(author, title: "Cut here", markdown: markdown)
            let loaded = try await client.get("/admin/posts/\(id)/edit", headers: author.headers())
            #expect(
                loaded.text.contains(
                    "Put <code>&lt;!--more--&gt;</code> on a line of its own to end the free preview of a "
                        + "members-only post"))
            #expect(loaded.text.contains("data-insert-cut"))
            #expect(loaded.text.contains("<p class=\"preview-cut\">Free preview ends here</p>"))
            #expect(!loaded.text.contains(PreviewCut.marker))

            let preview = try await client.postForm(
                "/admin/preview/markdown", [("markdown", markdown)], headers: author.headers(csrf: true))
            #expect(preview.status == .ok)
            #expect(
                preview.text == "<p>First.</p>\n<p>Second.</p>\n<p class=\"preview-cut\">Free preview ends here</p>\n"
                    + "<p>Third.</p>\n")

            // Stored, the cut is the marker between blocks.
            let stored = try #require(try await site.store.post(id: id))
            #expect(stored.body.html.contains("<p>Second.</p>\n\(PreviewCut.marker)\n<p>Third.</p>"))
        }
    }
}
