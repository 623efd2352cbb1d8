import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/admin/members/` over the real server: the list with search, filters and pages, the CSV
/// export, the import with its preview, and who may do what.
@Suite struct AdminMemberPagesTests {
    /// Two newsletters and `count` confirmed members `reader1`... (the last is the newest).
    static func members(_ site: TestSite, count: Int) async throws -> (daily: Newsletter, breaking: Newsletter) {
        let daily = try await site.store.createNewsletter(NewsletterInput(name: "Daily Briefing", sortOrder: 1))
        let breaking = try await site.store.createNewsletter(NewsletterInput(name: "Breaking News", sortOrder: 2))
        _ = try await site.store.importMembers(
            (1...count).map { number in
                MemberImportRow(
                    line: number + 1, email: "reader\(number)@example.com", name: "Reader \(number)",
                    newsletterSlugs: number % 2 == 0 ? [daily.slug] : [breaking.slug],
                    status: number % 3 == 0 ? .pending : nil)
            }, confirmed: true)
        return (daily, breaking)
    }

    @Test(arguments: StoreKind.allCases) func listSearchesFiltersAndPages(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        let editor = try await site.signedIn(.editor)
        _ = try await Self.members(site, count: 60)
        _ = try await site.store.importMembers(
            [MemberImportRow(line: 2, email: "markup@example.com", name: "<b>Bold</b> & Co")], confirmed: false)
        let bouncing = try #require(try await site.store.member(email: "reader7@example.com"))
        for _ in 0..<Member.hardBounceLimit { _ = try await site.store.recordHardBounce(memberID: bouncing.id) }
        try await site.serve { client in
            let first = try await client.get("/admin/members/", headers: admin.headers())
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "no-store")
            #expect(first.text.contains("61 members"))
            #expect(first.text.contains("Page 1 of 2"))
            #expect(first.text.contains("href=\"/admin/members/?page=2\""))
            #expect(first.text.contains("href=\"/admin/members/\" aria-current=\"page\">Members</a>"))
            #expect(first.text.contains("href=\"/admin/members/import\""))
            #expect(first.text.contains("<th scope=\"col\">Email</th>"))
            // Newest first; what a reader typed is escaped.
            let markup = try #require(first.text.range(of: "markup@example.com"))
            let newest = try #require(first.text.range(of: "reader60@example.com"))
            #expect(markup.lowerBound < newest.lowerBound)
            #expect(first.text.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; Co"))
            #expect(!first.text.contains("<b>Bold</b>"))
            #expect(!first.text.contains("reader10@example.com"))
            let second = try await client.get("/admin/members/?page=2", headers: admin.headers())
            #expect(second.text.contains("reader10@example.com"))
            #expect(second.text.contains("reader1@example.com"))

            let searched = try await client.get("/admin/members/?q=READER+5", headers: admin.headers())
            #expect(searched.text.contains("15 members"))
            #expect(searched.text.contains("value=\"READER 5\""))
            let pendingDaily = try await client.get(
                "/admin/members/?status=pending&newsletter=daily-briefing", headers: admin.headers())
            // Pending: every third; daily: even numbers (6, 12, ... 60), and the markup member.
            #expect(pendingDaily.text.contains("11 members"))
            #expect(pendingDaily.text.contains("reader54@example.com"))
            #expect(!pendingDaily.text.contains("reader55@example.com"))
            #expect(
                pendingDaily.text.contains(
                    "href=\"/admin/members/export.csv?status=pending&amp;newsletter=daily-briefing\""))
            let stopped = try await client.get("/admin/members/?mail=stopped", headers: admin.headers())
            #expect(stopped.text.contains("1 member<"))
            #expect(stopped.text.contains("reader7@example.com"))
            #expect(stopped.text.contains("Mail stopped</span>"))

            // An editor looks members up, without import and export.
            let editorList = try await client.get("/admin/members/?q=reader7", headers: editor.headers())
            #expect(editorList.status == .ok)
            #expect(editorList.text.contains("reader7@example.com"))
            #expect(!editorList.text.contains("/admin/members/import"))
            #expect(!editorList.text.contains("export.csv"))
        }
    }

    @Test(arguments: StoreKind.allCases) func authorsAndEditorsAreRefused(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        let editor = try await site.signedIn(.editor)
        _ = try await Self.members(site, count: 2)
        let csv = "email\nnew@example.com\n"
        try await site.serve { client in
            let posts = try await client.get("/admin/posts/", headers: author.headers())
            #expect(!posts.text.contains("href=\"/admin/members/\""))
            let list = try await client.get("/admin/members/", headers: author.headers())
            #expect(list.status == .forbidden)
            #expect(list.text.contains("cannot see the members"))
            #expect(!list.text.contains("reader1@example.com"))
            for staff in [author, editor] {
                #expect(
                    try await client.get("/admin/members/export.csv", headers: staff.headers()).status == .forbidden)
                #expect(try await client.get("/admin/members/import", headers: staff.headers()).status == .forbidden)
                let preview = try await client.postForm(
                    "/admin/members/import/preview", csrfFields(staff, [("csv", csv)]), headers: staff.headers())
                #expect(preview.status == .forbidden)
                let imported = try await client.postForm(
                    "/admin/members/import", csrfFields(staff, [("csv", csv), ("confirmed", "1")]),
                    headers: staff.headers())
                #expect(imported.status == .forbidden)
            }
            #expect(try await client.get("/admin/members/").status != .ok)
            #expect(try await site.store.member(email: "new@example.com") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func exportIsCSVOfTheFilter(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        let owner = try await site.signedIn(.owner)
        let (daily, breaking) = try await Self.members(site, count: 3)
        _ = try await site.store.importMembers(
            [
                MemberImportRow(
                    line: 2, email: "quote@example.com", name: "Ann \"Scoop\", Jr.",
                    newsletterSlugs: [daily.slug, breaking.slug]),
                MemberImportRow(line: 3, email: "formula@example.com", name: "=cmd|' /C calc'!A0", newsletterSlugs: []),
                MemberImportRow(line: 4, email: "plus@example.com", name: "+44 20 7946 0000", newsletterSlugs: []),
                MemberImportRow(line: 5, email: "at@example.com", name: "@handle", newsletterSlugs: []),
                MemberImportRow(line: 6, email: "minus@example.com", name: "-1", newsletterSlugs: []),
            ], confirmed: true)
        try await site.serve { client in
            let export = try await client.get("/admin/members/export.csv", headers: admin.headers())
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"members-") == true)
            #expect(export.headers[.cacheControl] == "no-store")
            let lines = export.text.components(separatedBy: "\r\n")
            #expect(lines.first == "email,name,status,newsletters,created_at,confirmed_at")
            #expect(lines.count == 10)
            #expect(lines.last == "")
            #expect(lines[1].hasPrefix("minus@example.com,'-1,confirmed,,"))
            #expect(lines[2].hasPrefix("at@example.com,'@handle,confirmed,,"))
            #expect(lines[3].hasPrefix("plus@example.com,'+44 20 7946 0000,confirmed,,"))
            #expect(lines[4].hasPrefix("formula@example.com,'=cmd|' /C calc'!A0,confirmed,,"))
            #expect(
                lines[5].hasPrefix(
                    "quote@example.com,\"Ann \"\"Scoop\"\", Jr.\",confirmed,daily-briefing;breaking-news,"))
            #expect(lines[8].hasPrefix("reader1@example.com,Reader 1,confirmed,breaking-news,"))
            let fields = lines[8].components(separatedBy: ",")
            #expect(fields[4].hasSuffix("Z"))
            #expect(fields[5] == fields[4])
            #expect(lines[6].hasPrefix("reader3@example.com,Reader 3,pending,breaking-news,"))
            #expect(lines[6].hasSuffix(","))

            let pending = try await client.get("/admin/members/export.csv?status=pending", headers: owner.headers())
            #expect(pending.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.count == 1)
            #expect(pending.text.contains("reader3@example.com"))
            let searched = try await client.get("/admin/members/export.csv?q=scoop", headers: owner.headers())
            #expect(searched.text.contains("quote@example.com"))
            #expect(!searched.text.contains("reader1@"))
        }
    }

    @Test(arguments: StoreKind.allCases) func previewShowsErrorsAndImportsNothing(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        _ = try await Self.members(site, count: 2)
        let csv = """
            \u{FEFF}email,name,newsletters,source\r
            reader1@example.com,Someone Else,,web\r
            new1@example.com,"Smith, <Ann>",daily-briefing;breaking-news,web\r
            not-an-address,Bob,,web\r
            NEW1@example.com,Twice,,web\r
            new2@example.com,Cy,weekly,web\r
            new3@example.com,"Two\r
            lines",,web\r
            """
        try await site.serve { client in
            let form = try await client.get("/admin/members/import", headers: admin.headers())
            #expect(form.status == .ok)
            #expect(form.text.contains("These people agreed to receive email from this site"))
            #expect(form.text.contains("receive nothing until they confirm"))
            #expect(form.text.contains("<code>daily-briefing</code>"))

            let preview = try await client.postForm(
                "/admin/members/import/preview", csrfFields(admin, [("csv", csv), ("confirmed", "1")]),
                headers: admin.headers())
            #expect(preview.status == .ok)
            let html = preview.text
            #expect(elementText(html, "class=\"count-read\"") == "6")
            #expect(elementText(html, "class=\"count-add\"") == "2")
            #expect(elementText(html, "class=\"count-existing\"") == "1")
            #expect(elementText(html, "class=\"count-errors\"") == "3")
            #expect(html.contains("Ignored columns: source."))
            #expect(
                html.contains(
                    "<td class=\"num\">4</td><td class=\"site-mono\">not-an-address</td><td>An email address needs an @"
                ))
            #expect(
                html.contains(
                    "<td class=\"num\">5</td><td class=\"site-mono\">NEW1@example.com</td><td>The same address is on line 3"
                ))
            #expect(
                html.contains(
                    "<td class=\"num\">6</td><td class=\"site-mono\">new2@example.com</td><td>There is no newsletter “weekly”"
                ))
            #expect(html.contains(">Import 2 members</button>"))
            #expect(html.contains("name=\"confirmed\" value=\"1\""))
            // The CSV goes back with the button, escaped into the attribute.
            #expect(html.contains("name=\"csv\" value=\""))
            #expect(html.contains("Smith, &lt;Ann&gt;"))
            #expect(!html.contains("<Ann>"))
            #expect(try await site.store.member(email: "new1@example.com") == nil)
            let all = try await site.store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 10))
            #expect(all.totalItems == 2)

            let unreadable = try await client.postForm(
                "/admin/members/import/preview", csrfFields(admin, [("csv", "name\nAnn\n")]), headers: admin.headers())
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.text.contains("one of them “email”"))
            #expect(unreadable.text.contains(">name\nAnn\n</textarea>"))
        }
    }

    @Test(arguments: StoreKind.allCases) func importingAddsTheRowsAndRedirects(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let owner = try await site.signedIn(.owner)
        let (daily, breaking) = try await Self.members(site, count: 2)
        let csv =
            "email,name,newsletters\nreader1@example.com,Other,\nnew1@example.com,\"Smith, Ann\",breaking-news\nbad,,\nnew2@example.com,,\n"
        try await site.serve { client in
            let consented = try await client.postForm(
                "/admin/members/import", csrfFields(owner, [("csv", csv), ("confirmed", "1")]), headers: owner.headers()
            )
            #expect(consented.status == .seeOther)
            #expect(consented.headers[.location] == "/admin/members/?imported=2&existing=1&skipped=1")
            let list = try await client.get(try #require(consented.headers[.location]), headers: owner.headers())
            #expect(
                list.text.contains(
                    "Imported 2 members. Already on file, left unchanged: 1. Rows with errors, skipped: 1. No email was sent."
                ))

            let new1 = try #require(try await site.store.member(email: "new1@example.com"))
            #expect(new1.status == .confirmed)
            #expect(new1.name == "Smith, Ann")
            #expect(new1.newsletterIDs == [breaking.id])
            let new2 = try #require(try await site.store.member(email: "new2@example.com"))
            #expect(new2.newsletterIDs.isEmpty)
            let reader1 = try #require(try await site.store.member(email: "reader1@example.com"))
            #expect(reader1.name == "Reader 1")
            #expect(reader1.newsletterIDs == [breaking.id])

            // Without the checkbox: pending, and nothing is delivered to them.
            let withoutConsent = try await client.postForm(
                "/admin/members/import", csrfFields(owner, [("csv", "email\nlater@example.com\n")]),
                headers: owner.headers())
            #expect(withoutConsent.status == .seeOther)
            let later = try #require(try await site.store.member(email: "later@example.com"))
            #expect(later.status == .pending)
            #expect(later.newsletterIDs == [daily.id, breaking.id])
            #expect(!later.receivesNewsletters)

            // A notice is made of numbers only.
            let forged = try await client.get("/admin/members/?imported=%3Cscript%3E", headers: owner.headers())
            #expect(!forged.text.contains("Imported"))
        }
    }

    @Test(arguments: StoreKind.allCases) func importNeedsTheCSRFToken(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        let csv = "email\nforged@example.com\n"
        try await site.serve { client in
            for path in ["/admin/members/import", "/admin/members/import/preview"] {
                let missing = try await client.postForm(
                    path, [("csv", csv), ("confirmed", "1")], headers: admin.headers())
                #expect(missing.status == .forbidden)
                let wrong = try await client.postForm(
                    path, [("_csrf", "not-the-token"), ("csv", csv), ("confirmed", "1")], headers: admin.headers())
                #expect(wrong.status == .forbidden)
            }
            // The server closes the store when it stops: asked while it runs.
            #expect(try await site.store.member(email: "forged@example.com") == nil)
        }
    }
}
