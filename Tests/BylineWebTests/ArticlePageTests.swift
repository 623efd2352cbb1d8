import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite struct ArticlePageTests {
    static let seedSlug = "russia-and-ukraine-hold-first-direct-peace-talks-in-three-years-in-turkey"
    static let targetTitle = "UK PM: Putin Must Face Consequences for Dodging Peace in Ukraine"
    static let targetSlug = "uk-pm-putin-must-face-consequences-for-dodging-peace-in-ukraine"

    @Test(arguments: StoreKind.allCases) func seedArticlePageCarriesItsHooks(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let results = await site.importFiles([Fixtures.seedPath])
        guard case .imported(_, let saved, _) = try #require(results.first) else {
            Issue.record("seed did not import: \(results)")
            return
        }
        #expect(saved.slug == Self.seedSlug)
        try await site.serve { client in
            let page = try await client.get("/\(Self.seedSlug)/")
            #expect(page.status == .ok)
            let html = page.text
            #expect(
                elementText(html, "class=\"post-title\"")
                    == "Russia and Ukraine Hold First Direct Peace Talks in Three Years in Turkey")
            #expect(elementText(html, "class=\"post-author\"") == "Abiola")
            #expect(html.contains("href=\"/author/abiola/\""))
            #expect(elementText(html, "class=\"post-reading-time\"") == "4 min read")
            let body = try #require(html.range(of: "class=\"post-body\"")).upperBound
            let bodyHTML = String(html[body...].prefix { _ in true }.split(separator: "</div>", maxSplits: 1)[0])
            #expect(count("<p>", in: bodyHTML) == 11)
            for chrome in ["Discover more from", "Share This Article", "Leave a comment", "Continue reading"] {
                #expect(!bodyHTML.contains(chrome))
            }
            // No target yet: no READ ALSO link at all, so no broken link.
            #expect(!html.contains("class=\"read-also\""))
            #expect(html.contains("\"@type\":\"NewsArticle\""))
            #expect(html.contains("<link rel=\"canonical\" href=\"https://news.example/\(Self.seedSlug)/\">"))
            #expect(html.contains("property=\"og:type\" content=\"article\""))
            // Fields the seed lacks (tags, author bio) leave no empty element behind.
            #expect(!html.contains("href=\"\""))
            #expect(!html.contains("post-kicker"))
            let home = try await client.get("/").text
            #expect(!home.contains("application/ld+json"))
            #expect(!home.contains("href=\"\""))
        }
    }

    @Test(arguments: StoreKind.allCases) func readAlsoLinkAppearsOnceItsTargetExists(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        _ = await site.importFiles([Fixtures.seedPath])
        let target = try site.writeArticle(
            "target.txt", "\(Self.targetTitle)\n\nMara Ellison\nDate: 2026-05-18\n\nA short report.\n")
        try await site.serve { client in
            let before = try await client.get("/\(Self.seedSlug)/")
            #expect(!before.text.contains("class=\"read-also\""))
            let results = await site.importFiles([target], into: try await site.otherProcessStore())
            guard case .imported = try #require(results.first) else {
                Issue.record("target did not import: \(results)")
                return
            }
            let after = try await client.poll("/\(Self.seedSlug)/") { $0.text.contains("class=\"read-also\"") }
            #expect(after.text.contains("<a href=\"/\(Self.targetSlug)/\">\(Self.targetTitle)</a>"))
            #expect(try await client.get("/\(Self.targetSlug)/").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func importWhileServingShowsNewAndUpdatedText(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let seedText = try String(contentsOfFile: Fixtures.seedPath, encoding: .utf8)
        let path = try site.writeArticle("seed.txt", seedText)
        try await site.serve { client in
            #expect(try await client.get("/\(Self.seedSlug)/").status == .notFound)
            let importer = try await site.otherProcessStore()
            _ = await site.importFiles([path], into: importer)
            let created = try await client.poll("/\(Self.seedSlug)/") { $0.status == .ok }
            #expect(created.status == .ok)
            let id = try #require(Self.postID(in: created.text))
            let home = try await client.get("/")
            #expect(home.text.contains("href=\"/\(Self.seedSlug)/\""))

            let modified = seedText.replacingOccurrences(
                of: "opulent Dolmabahce Palace", with: "restored Yildiz Palace")
            try modified.write(toFile: path, atomically: true, encoding: .utf8)
            let results = await site.importFiles([path], into: importer)
            guard case .imported(_, let saved, _) = try #require(results.first) else {
                Issue.record("re-import failed: \(results)")
                return
            }
            #expect(saved.outcome == .updated)
            let updated = try await client.poll("/\(Self.seedSlug)/") { $0.text.contains("restored Yildiz Palace") }
            #expect(updated.text.contains("restored Yildiz Palace"))
            #expect(!updated.text.contains("opulent Dolmabahce Palace"))
            #expect(Self.postID(in: updated.text) == id)
            #expect(try await site.store.postCount() == 1)
        }
    }

    static func postID(in html: String) -> String? {
        guard let range = html.range(of: "data-post-id=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
