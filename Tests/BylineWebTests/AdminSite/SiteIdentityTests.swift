import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HummingbirdTesting
import Testing

/// The site's identity over the real server: the accent colour from the settings page and the
/// Admin API (refused when too light, applied through a `<style>` in every page's head), the
/// navigation through the API, a settings write from another process (what `byline site set`
/// does) showing on the running server, and the demo's fiction note on the demo's articles only.
@Suite struct SiteIdentityTests {
    static let accentStyle =
        "<style>:root{--accent:#1e3a8a}@media (prefers-color-scheme: dark){:root{--accent:"

    @Test(arguments: StoreKind.allCases) func theAccentColourFromTheSettingsPage(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        try await site.serve { client in
            #expect(try await !client.get("/").text.contains("--accent:"))
            func save(_ accent: String) async throws -> TestResponse {
                try await client.postForm(
                    "/admin/settings",
                    csrfFields(admin, AdminSettingsPageTests.fields() + [("accent_color", accent)]),
                    headers: admin.headers())
            }
            let yellow = try await save("#ffdd00")
            #expect(yellow.status == .unprocessableContent)
            #expect(yellow.text.contains("accent_color: #ffdd00 is too light for links and buttons"))
            #expect(yellow.text.contains("value=\"#ffdd00\""))
            #expect(try await site.store.settings() == SiteSettings())
            #expect(try await save("navy").status == .unprocessableContent)

            #expect(try await save("#1E3A8A").status == .seeOther)
            #expect(try await site.store.settings().accentColor == "#1e3a8a")
            let home = try await client.get("/").text
            #expect(home.contains(Self.accentStyle))
            // After the theme's stylesheet, so it wins.
            #expect(home.range(of: "rel=\"stylesheet\"")!.lowerBound < home.range(of: Self.accentStyle)!.lowerBound)
            let form = try await client.get("/admin/settings", headers: admin.headers()).text
            #expect(form.contains("name=\"accent_color\" value=\"#1e3a8a\""))

            // Blank: the theme's own colour again.
            #expect(try await save("").status == .seeOther)
            #expect(try await !client.get("/").text.contains("--accent:"))
        }
    }

    @Test(arguments: StoreKind.allCases) func theAccentAndNavigationThroughTheAdminAPI(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let owner = api.with(token: staff.owner.token)
            let read = try await owner.get("/settings")
            #expect(read["settings"]?["accent_color"] == .string(""))
            #expect(read["settings"]?["navigation"] == .array([]))

            let saved = try await owner.call(
                .put, "/settings",
                json:
                    ##"{"accent_color": "#1E3A8A", "footer_note": "Ledger Ltd.", "navigation": [{"label": "World", "url": "/tag/world/"}, {"label": "About", "url": "https://about.example/"}]}"##
            )
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved["settings"]?["accent_color"] == .string("#1e3a8a"))
            #expect(
                saved["settings"]?["navigation"]
                    == .array([
                        .object(["label": .string("World"), "url": .string("/tag/world/")]),
                        .object(["label": .string("About"), "url": .string("https://about.example/")]),
                    ]))
            let stored = try await site.store.settings()
            #expect(stored.accentColor == "#1e3a8a" && stored.footerNote == "Ledger Ltd.")
            #expect(stored.navigation.map(\.url) == ["/tag/world/", "https://about.example/"])

            for (body, words) in [
                (##"{"accent_color": "#ffff00"}"##, "too light"),
                (#"{"accent_color": "blue"}"#, "#rrggbb"),
                (#"{"accent_color": 42}"#, "string"),
                (#"{"navigation": [{"label": "Click", "url": "javascript:alert(1)"}]}"#, "neither a path"),
                (#"{"navigation": ["World"]}"#, "label"),
                (#"{"navigation": "World=/tag/world/"}"#, "array"),
            ] {
                let answer = try await owner.call(.put, "/settings", json: body)
                #expect(answer.code == 422, "\(body)")
                #expect(answer.field == (body.contains("accent") ? "accent_color" : "navigation"), "\(body)")
                #expect(answer.message.contains(words), "\(body): \(answer.message)")
            }
            #expect(try await site.store.settings() == stored)

            // null and "" put the theme's colour and the most used tags back.
            let cleared = try await owner.call(.put, "/settings", json: #"{"accent_color": null, "navigation": null}"#)
            #expect(cleared.code == 200, "\(cleared.message)")
            #expect(try await site.store.settings().accentColor == "")
            #expect(try await site.store.settings().navigation.isEmpty)
        }
    }

    /// `byline site set` writes through the store from another process, as the settings page
    /// does: the running server's cached pages show the new title and colour.
    @Test(arguments: StoreKind.allCases) func aWriteFromAnotherProcessShowsOnTheRunningServer(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        _ = try await site.publishTagged("Politics")
        let other = try await site.otherProcessStore()
        try await site.serve { client in
            #expect(try await client.get("/").text.contains("<title>Byline</title>"))
            var settings = try await other.settings()
            settings = try SiteSettingField.title.applying("The Evening Ledger", to: settings)
            settings = try SiteSettingField.accent.applying("#1e3a8a", to: settings)
            try await other.saveSettings(settings)
            let after = try await client.poll("/") { $0.text.contains("<title>The Evening Ledger</title>") }
            #expect(after.text.contains("<title>The Evening Ledger</title>"))
            #expect(after.text.contains(Self.accentStyle))
        }
    }

    /// The demo's note is on the articles the demo installed, and nowhere else: not in the
    /// footer of every page, and not on a real article imported into a site that began as the
    /// demo. The demo's writers get their bios.
    @Test(arguments: StoreKind.allCases) func theDemoNoteIsOnTheDemosArticlesOnly(_ kind: StoreKind) async throws {
        // Today, so every demo article (dated in 2026) is published, as on an installed demo.
        let site = TestSite(temp: try await TestStore.open(kind, now: Date()))
        let articles = Fixtures.repositoryRoot.appendingPathComponent("Demo/articles").path
        let demo = try await DemoSite(store: site.store).installIfEmpty(articlesDirectory: articles)
        let demoSlugs = demo.compactMap { result -> String? in
            if case .imported(_, let saved, _) = result { return saved.slug }
            return nil
        }
        #expect(demoSlugs.count == 12)
        let real = try site.writeArticle(
            "real.txt", "Council Approves New Harbour Wall\n\nAda Reporter\n\nThe council voted on Tuesday.\n")
        _ = await site.importFiles([real])
        // The text as far as its apostrophe, which the page escapes.
        let note =
            "<aside class=\"post-note\" aria-label=\"About this article\"><p>"
            + DemoSite.noteText.prefix(while: { $0 != "'" })
        try await site.serve { client in
            for slug in demoSlugs {
                let page = try await client.get("/\(slug)/")
                #expect(page.status == .ok)
                #expect(count(note, in: page.text) == 1, "\(slug)")
            }
            let realPage = try await client.get("/council-approves-new-harbour-wall/")
            #expect(realPage.status == .ok)
            #expect(realPage.text.contains("The council voted on Tuesday."))
            #expect(!realPage.text.contains("post-note"))
            #expect(!realPage.text.contains("is fiction"))
            #expect(try await !client.get("/").text.contains("is fiction"))
            // The demo's writers have a bio on their page.
            let author = try await client.get("/author/mara-ellison/").text
            #expect(author.contains("<p class=\"archive-description\">Mara Ellison covers European politics"))
        }
        await site.temp.close()
    }
}
