import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// The newsroom's post pages over the real server: create, save, conflicts, permissions,
/// publishing, previews, autosave, revisions.
@Suite struct AdminPostPagesTests {
    static let markdown =
        "## What happened\n\nTalks resumed on **Monday**.\n\n- first point\n- second point\n\n[Source](https://example.org/report)\n"

    @Test(arguments: StoreKind.allCases) func aStaleUpdatedAtIsAConflictThatOverwritesNothing(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Talks resume", markdown: Self.markdown)
            let loaded = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(loaded.status == .ok)
            #expect(loaded.headers[.cacheControl] == "private, no-cache")
            let token = try #require(hiddenValue(loaded.text, "updated_at"))

            // Someone saves first (another tab), with the same loaded token.
            site.clock.advance(by: 5)
            let first = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(editor, title: "Talks resume", markdown: "First save wins.", updatedAt: token),
                headers: editor.headers())
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/admin/posts/\(id)/edit?notice=saved")

            site.clock.advance(by: 5)
            let stale = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "Talks resume", markdown: "Second save must not overwrite.", updatedAt: token),
                headers: editor.headers())
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else saved this post since you opened it"))
            // The writer's text is still on screen, and the stored post is the first save.
            #expect(stale.text.contains("Second save must not overwrite.</textarea>"))
            #expect(try await site.store.post(id: id)?.body.markdown == "First save wins.")
        }
    }

    @Test(arguments: StoreKind.allCases) func aContributorCannotPublish(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let contributor = try await site.signedIn(.contributor)
        try await site.serve { client in
            let id = try await client.createPost(contributor, title: "A first draft", markdown: "Words.")
            let editorPage = try await client.get("/admin/posts/\(id)/edit", headers: contributor.headers())
            #expect(editorPage.status == .ok)
            #expect(!editorPage.text.contains("/admin/posts/\(id)/publish"))
            #expect(editorPage.text.contains("Save draft"))

            let publish = try await client.postForm(
                "/admin/posts/\(id)/publish", csrfFields(contributor, []), headers: contributor.headers())
            #expect(publish.status == .forbidden)
            #expect(publish.text.contains("A contributor cannot publish posts"))
            #expect(try await site.store.post(id: id)?.status == .draft)
        }
    }

    @Test(arguments: StoreKind.allCases) func aPreviewIsPrivateNoindexAndNeverCached(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serveWithServer { client, server in
            let id = try await client.createPost(editor, title: "Embargoed budget story", markdown: Self.markdown)
            let slug = try #require(try await site.store.post(id: id)?.slug)
            for _ in 0..<2 {
                let preview = try await client.get("/admin/posts/\(id)/preview", headers: editor.headers())
                #expect(preview.status == .ok)
                #expect(preview.headers[.cacheControl] == "private, no-cache")
                #expect(preview.headers[.eTag] == nil)
                #expect(preview.text.contains("<meta name=\"robots\" content=\"noindex\">"))
                #expect(preview.text.contains("class=\"byline-preview-banner\""))
                // The public theme's article page, body rendered from the Markdown.
                #expect(elementText(preview.text, "class=\"post-title\"") == "Embargoed budget story")
                #expect(preview.text.contains("<h2>What happened</h2>"))
                #expect(preview.text.contains("<strong>Monday</strong>"))
            }
            #expect(server.cache?.page("/admin/posts/\(id)/preview") == nil)
            #expect(server.cache?.page("/\(slug)/") == nil)
            // Readers do not see the draft.
            #expect(try await client.get("/\(slug)/").status == .notFound)
            let stranger = try await client.get("/admin/posts/\(id)/preview")
            #expect(stranger.status == .seeOther)
        }
    }

    @Test(arguments: StoreKind.allCases) func publishViewAndRenameKeepTheOldAddress(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Harbour reopens", markdown: Self.markdown)
            let token = try #require(
                hiddenValue(
                    try await client.get("/admin/posts/\(id)/edit", headers: editor.headers()).text, "updated_at"))
            let published = try await client.postForm(
                "/admin/posts/\(id)/publish",
                editorFields(editor, title: "Harbour reopens", markdown: Self.markdown, updatedAt: token),
                headers: editor.headers())
            #expect(published.status == .seeOther)
            #expect(published.headers[.location] == "/admin/posts/\(id)/edit?notice=published")
            let article = try await client.get("/harbour-reopens/")
            #expect(article.status == .ok)
            #expect(article.text.contains("<li>first point</li>"))
            #expect(article.text.contains("<a href=\"https://example.org/report\">Source</a>"))

            let page = try await client.get("/admin/posts/\(id)/edit?notice=published", headers: editor.headers())
            #expect(page.text.contains("Published: readers can see it now."))
            #expect(page.text.contains("Unpublish"))
            let current = try #require(hiddenValue(page.text, "updated_at"))
            let renamed = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "Harbour reopens", markdown: Self.markdown, updatedAt: current,
                    extra: [("slug", "harbour-reopens-after-storm"), ("then", "view")]),
                headers: editor.headers())
            #expect(renamed.status == .seeOther)
            #expect(renamed.headers[.location] == "/harbour-reopens-after-storm/")
            let old = try await client.get("/harbour-reopens/")
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/harbour-reopens-after-storm/")
            #expect(try await client.get("/harbour-reopens-after-storm/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func aMissingTitleIs422NamingTheFieldAndKeepsTheText(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let refused = try await client.postForm(
                "/admin/posts/new", editorFields(author, title: "  ", markdown: "Half a story", updatedAt: ""),
                headers: author.headers())
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Title: is required."))
            #expect(refused.text.contains("aria-invalid=\"true\""))
            #expect(refused.text.contains("Half a story</textarea>"))
            #expect(try await site.store.postCount() == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func theListFiltersByStatusAndTitle(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let draft = try await client.createPost(editor, title: "Quiet draft about rivers", markdown: "Text.")
            let live = try await client.createPost(editor, title: "Loud story about mountains", markdown: "Text.")
            _ = try await client.postForm(
                "/admin/posts/\(live)/publish", csrfFields(editor, []), headers: editor.headers())
            let all = try await client.get("/admin/posts/", headers: editor.headers())
            #expect(all.text.contains("Quiet draft about rivers") && all.text.contains("Loud story about mountains"))
            #expect(all.text.contains("badge-published") && all.text.contains("badge-draft"))
            let drafts = try await client.get("/admin/posts/?status=draft", headers: editor.headers())
            #expect(drafts.text.contains("/admin/posts/\(draft)/edit"))
            #expect(!drafts.text.contains("/admin/posts/\(live)/edit"))
            let search = try await client.get("/admin/posts/?q=mountains", headers: editor.headers())
            #expect(search.text.contains("/admin/posts/\(live)/edit"))
            #expect(!search.text.contains("/admin/posts/\(draft)/edit"))
            let home = try await client.get("/admin/", headers: editor.headers())
            #expect(home.status == .seeOther && home.headers[.location] == "/admin/posts/")
        }
    }

    @Test(arguments: StoreKind.allCases) func livePreviewRendersMarkdownSafely(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let markdown = "## Heading\n\n<script>alert(1)</script>\n\n::read-also[A Story Not Written Yet]\n"
            let preview = try await client.postForm(
                "/admin/preview/markdown", [("markdown", markdown)], headers: author.headers(csrf: true))
            #expect(preview.status == .ok)
            #expect(preview.headers[.cacheControl] == "private, no-cache")
            #expect(preview.text.contains("<h2>Heading</h2>"))
            #expect(!preview.text.contains("<script>"))
            #expect(preview.text.contains("read-also-pending"))
            #expect(preview.text.contains("A Story Not Written Yet"))
            let withoutToken = try await client.postForm(
                "/admin/preview/markdown", [("markdown", markdown)], headers: author.headers())
            #expect(withoutToken.status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.allCases) func autosaveAnswersTheNewUpdatedAtAndRefusesStaleOnes(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let id = try await client.createPost(author, title: "Typing away", markdown: "One.")
            let token = try #require(
                hiddenValue(
                    try await client.get("/admin/posts/\(id)/edit", headers: author.headers()).text, "updated_at"))
            site.clock.advance(by: 3)
            var fields = editorFields(author, title: "Typing away", markdown: "One. Two.", updatedAt: token)
            fields.removeFirst()  // admin.js sends the token as a header
            let saved = try await client.postForm(
                "/admin/posts/\(id)/autosave", fields, headers: author.headers(csrf: true))
            #expect(saved.status == .ok)
            #expect(saved.headers[.contentType]?.hasPrefix("application/json") == true)
            let answer = try JSONSerialization.jsonObject(with: Data(saved.text.utf8)) as? [String: Any]
            let next = try #require(answer?["updated_at"] as? String)
            #expect(next != token)
            #expect(try await site.store.post(id: id)?.body.markdown == "One. Two.")

            site.clock.advance(by: 3)
            let stale = try await client.postForm(
                "/admin/posts/\(id)/autosave",
                Array(editorFields(author, title: "Typing away", markdown: "Other tab.", updatedAt: token).dropFirst()),
                headers: author.headers(csrf: true))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("\"status\":409"))
            let again = try await client.postForm(
                "/admin/posts/\(id)/autosave",
                Array(
                    editorFields(author, title: "Typing away", markdown: "One. Two. Three.", updatedAt: next)
                        .dropFirst()),
                headers: author.headers(csrf: true))
            #expect(again.status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func revisionsCompareLineByLineAndRestore(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Budget", markdown: "Line one.\nLine two.\nLine three.")
            let token = try #require(
                hiddenValue(
                    try await client.get("/admin/posts/\(id)/edit", headers: editor.headers()).text, "updated_at"))
            site.clock.advance(by: 60)
            _ = try await client.postForm(
                "/admin/posts/\(id)/edit",
                editorFields(
                    editor, title: "Budget", markdown: "Line one.\nLine 2, rewritten.\nLine three.", updatedAt: token),
                headers: editor.headers())
            let page = try await client.get("/admin/posts/\(id)/revisions", headers: editor.headers())
            #expect(page.status == .ok)
            let revisions = try await site.store.revisions(postID: id)
            #expect(revisions.count >= 2)
            let oldest = try #require(revisions.last)
            let compared = try await client.get(
                "/admin/posts/\(id)/revisions?compare=\(oldest.id)", headers: editor.headers())
            #expect(
                compared.text.contains(
                    "<li class=\"diff-removed\"><span class=\"diff-marker\" aria-hidden=\"true\">−</span><span class=\"diff-text\">Line two.</span></li>"
                ))
            #expect(
                compared.text.contains(
                    "<li class=\"diff-added\"><span class=\"diff-marker\" aria-hidden=\"true\">+</span><span class=\"diff-text\">Line 2, rewritten.</span></li>"
                ))

            let restored = try await client.postForm(
                "/admin/posts/\(id)/revisions/\(oldest.id)/restore", csrfFields(editor, []), headers: editor.headers())
            #expect(restored.status == .seeOther)
            #expect(restored.headers[.location] == "/admin/posts/\(id)/edit?notice=restored")
            #expect(try await site.store.post(id: id)?.body.markdown == "Line one.\nLine two.\nLine three.")
        }
    }

    @Test(arguments: StoreKind.allCases) func aFutureDateSchedulesInTheSiteTimeZone(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        var settings = try await site.store.settings()
        settings.timeZoneIdentifier = "America/New_York"
        try await site.store.saveSettings(settings)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Budget day", markdown: "Embargoed.")
            let token = try #require(
                hiddenValue(
                    try await client.get("/admin/posts/\(id)/edit", headers: editor.headers()).text, "updated_at"))
            // 09:00 in New York on 1 June 2026 (EDT, UTC-4); the clock stands in May 2026.
            let scheduled = try await client.postForm(
                "/admin/posts/\(id)/publish",
                editorFields(
                    editor, title: "Budget day", markdown: "Embargoed.", updatedAt: token,
                    extra: [("published_at", "2026-06-01T09:00")]), headers: editor.headers())
            #expect(scheduled.status == .seeOther)
            #expect(scheduled.headers[.location] == "/admin/posts/\(id)/edit?notice=scheduled")
            let post = try #require(try await site.store.post(id: id))
            #expect(post.status == .scheduled)
            #expect(post.publishedAt == ISO8601DateFormatter().date(from: "2026-06-01T13:00:00Z"))
            let page = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(page.text.contains("name=\"published_at\" value=\"2026-06-01T09:00\""))
            #expect(page.text.contains("Scheduled for 1 Jun 2026, 09:00"))
            #expect(page.text.contains("Publish now") && page.text.contains("Unschedule"))
            #expect(try await client.get("/budget-day/").status == .notFound)

            let unscheduled = try await client.postForm(
                "/admin/posts/\(id)/unpublish", csrfFields(editor, []), headers: editor.headers())
            #expect(unscheduled.headers[.location] == "/admin/posts/\(id)/edit?notice=unpublished")
            #expect(try await site.store.post(id: id)?.status == .draft)

            let unreadable = try await client.postForm(
                "/admin/posts/\(id)/schedule", csrfFields(editor, [("published_at", "2026-02-30T09:00")]),
                headers: editor.headers())
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.text.contains("Published_at: is not a date and time."))
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingAndOpeningOthersPosts(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Short-lived", markdown: "Gone soon.")
            let notYours = try await client.get("/admin/posts/\(id)/edit", headers: author.headers())
            #expect(notYours.status == .forbidden)
            #expect(notYours.text.contains("Not allowed"))
            let missing = try await client.get("/admin/posts/99999/edit", headers: editor.headers())
            #expect(missing.status == .notFound)

            let deleted = try await client.postForm(
                "/admin/posts/\(id)/delete", csrfFields(editor, []), headers: editor.headers())
            #expect(deleted.status == .seeOther)
            #expect(deleted.headers[.location] == "/admin/posts/?notice=deleted")
            #expect(try await site.store.post(id: id) == nil)
            let list = try await client.get("/admin/posts/?notice=deleted", headers: editor.headers())
            #expect(list.text.contains("The post was deleted."))
        }
    }
}

/// The editor form's fields as a browser posts them.
func editorFields(
    _ staff: SignedInStaff, title: String, markdown: String, updatedAt: String, extra: [(String, String)] = []
) -> [(String, String)] {
    var fields = csrfFields(
        staff,
        [
            ("updated_at", updatedAt), ("title", title), ("markdown", markdown), ("excerpt", ""), ("tags", ""),
            ("slug", ""), ("visibility", "public"), ("published_at", ""), ("feature_image", ""),
            ("feature_image_alt", ""),
        ])
    for (name, value) in extra {
        fields.removeAll { $0.0 == name }
        fields.append((name, value))
    }
    return fields
}

extension TestClientProtocol {
    /// Creates a draft through the new-post form; returns its id.
    func createPost(_ staff: SignedInStaff, title: String, markdown: String) async throws -> Int64 {
        let created = try await postForm(
            "/admin/posts/new", editorFields(staff, title: title, markdown: markdown, updatedAt: ""),
            headers: staff.headers())
        #expect(created.status == .seeOther)
        let location = created.headers[.location] ?? ""
        guard location.hasPrefix("/admin/posts/"), location.hasSuffix("/edit?notice=created"),
            let id = Int64(location.dropFirst("/admin/posts/".count).prefix { $0.isNumber })
        else {
            throw TestKitError("creating \(title) answered \(created.status) \(location): \(created.text.prefix(300))")
        }
        return id
    }
}
