import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/admin/settings` over the real server: a save shows on the public site's next page (cached
/// pages included), and the navigation set there replaces the most used tags in the header.
@Suite struct AdminSettingsPageTests {
    static func fields(
        title: String = "The Daily Planet", timeZone: String = "Europe/London", perPage: String = "5",
        navigation: String = ""
    ) -> [(String, String)] {
        [
            ("title", title), ("description", "Metropolis news, every day."), ("time_zone", timeZone),
            ("posts_per_page", perPage), ("footer_note", ""), ("navigation", navigation),
        ]
    }

    @Test(arguments: StoreKind.allCases) func aSaveChangesThePublicTitleAndNavigationAtOnce(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        _ = try await site.publishTagged("Politics")
        try await site.serve { client in
            // Cached before the save.
            let before = try await client.get("/")
            #expect(before.text.contains("<title>Byline</title>"))
            #expect(siteNav(before.text).contains("<li><a href=\"/tag/politics/\">Politics</a></li>"))

            let navigation = "World | /tag/world/\r\nAbout us | https://about.example/team"
            let saved = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(navigation: navigation)), headers: admin.headers())
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/settings?done=settings-saved")

            // No polling: this node shows the save on the next request.
            let after = try await client.get("/")
            #expect(after.text.contains("<title>The Daily Planet</title>"))
            #expect(
                siteNav(after.text) == """
                    <li><a href="/tag/world/">World</a></li>
                    <li><a href="https://about.example/team">About us</a></li>
                    <li><a href="/archive/">Archive</a></li>
                    """)

            let stored = try await site.store.settings()
            #expect(stored.timeZoneIdentifier == "Europe/London" && stored.postsPerPage == 5)
            #expect(stored.navigation.map(\.label) == ["World", "About us"])
            let form = try await client.get("/admin/settings?done=settings-saved", headers: admin.headers())
            #expect(form.text.contains("Settings saved."))
            #expect(form.text.contains("World | /tag/world/\nAbout us | https://about.example/team</textarea>"))

            // On the page a link leads to, the link is marked current.
            _ = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(navigation: "Politics | /tag/politics/")),
                headers: admin.headers())
            #expect(
                siteNav(try await client.get("/tag/politics/").text).contains(
                    "<li><a href=\"/tag/politics/\" aria-current=\"page\">Politics</a></li>"))

            // Emptied, the header shows the most used tags again.
            _ = try await client.postForm("/admin/settings", csrfFields(admin, Self.fields()), headers: admin.headers())
            #expect(
                siteNav(try await client.get("/").text).contains("<li><a href=\"/tag/politics/\">Politics</a></li>"))
        }
    }

    @Test(arguments: StoreKind.allCases) func badFieldsAreNamedAndNothingIsSaved(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            let zone = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(timeZone: "Mars/Olympus_Mons")),
                headers: admin.headers())
            #expect(zone.status == .unprocessableContent)
            #expect(zone.text.contains("time_zone: &quot;Mars/Olympus_Mons&quot; is not a time zone name"))
            #expect(zone.text.contains("value=\"Mars/Olympus_Mons\""))

            let script = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(navigation: "Home | /\nClick | javascript:alert(1)")),
                headers: admin.headers())
            #expect(script.status == .unprocessableContent)
            #expect(script.text.contains("navigation: line 2:"))

            let perPage = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(perPage: "0")), headers: admin.headers())
            #expect(perPage.status == .unprocessableContent)
            #expect(perPage.text.contains("posts_per_page"))
            #expect(try await site.store.settings() == SiteSettings())

            // A lower-case zone name is stored as the time zone database spells it.
            _ = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(timeZone: "asia/tokyo")), headers: admin.headers())
            #expect(try await site.store.settings().timeZoneIdentifier == "Asia/Tokyo")

            // The layout links with a trailing slash; both spellings answer.
            #expect(try await client.get("/admin/settings/", headers: admin.headers()).status == .ok)
            #expect(try await client.get("/admin/settings", headers: editor.headers()).status == .forbidden)
            let byEditor = try await client.postForm(
                "/admin/settings", csrfFields(editor, Self.fields(title: "Editor's Site")), headers: editor.headers())
            #expect(byEditor.status == .forbidden)
            #expect(try await site.store.settings().title != "Editor's Site")
        }
    }
}

/// The public header's navigation items, one a line, without indentation.
func siteNav(_ html: String) -> String {
    guard let start = html.range(of: "<nav class=\"site-nav\""),
        let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
    else { return "" }
    return html[start.upperBound..<end.lowerBound].split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
    }
    .filter { $0.hasPrefix("<li>") }.joined(separator: "\n")
}
