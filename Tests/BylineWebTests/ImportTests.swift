import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Importing article files (issue 8): plain text shows as written, only known chrome is dropped,
/// control characters go, re-imports keep what editors set, future dates schedule, and titles in
/// scripts without an ASCII form keep their letters in the slug.
@Suite struct ImportTests {
    /// The one saved post of an import, or a recorded issue.
    static func saved(_ results: [ArticleImporter.Result]) throws -> (SavedPost, [String]) {
        guard case .imported(_, let saved, let dropped) = try #require(results.first) else {
            throw ImportFailed(results: "\(results)")
        }
        return (saved, dropped)
    }

    struct ImportFailed: Error {
        let results: String
    }

    @Test(arguments: StoreKind.allCases) func plainTextShowsAsWritten(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let file = try site.writeArticle(
            "stars.txt",
            "Stars and Tags\nMara Ellison\n\nA *stars* claim, _under_ and <b>bold</b> [x](javascript:alert(1)).\n\n"
                + "1. Not a list\n\n# Not a heading\n\nSubscribe to the plan\n\nShare This Article\n\nLeave a comment\n"
        )
        let (saved, dropped) = try Self.saved(await site.importFiles([file]))
        #expect(dropped == ["Share This Article", "Leave a comment"])
        try await site.serve { client in
            let page = try await client.get("/\(saved.slug)/")
            #expect(page.status == .ok)
            let html = page.text
            #expect(
                html.contains(
                    "<p>A *stars* claim, _under_ and &lt;b&gt;bold&lt;/b&gt; [x](javascript:alert(1)).</p>"))
            #expect(html.contains("<p>1. Not a list</p>"))
            #expect(html.contains("<p># Not a heading</p>"))
            // Short lines that only start like chrome are the writer's text.
            #expect(html.contains("<p>Subscribe to the plan</p>"))
            #expect(!html.contains("Share This Article"))
            #expect(!html.contains("<b>bold"))
            #expect(!html.contains("href=\"javascript"))
        }
    }

    @Test(arguments: StoreKind.allCases) func controlCharactersAreRemovedAndFeedsParse(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let file = try site.writeArticle(
            "escape.txt", "Terminal\u{1B} Title\nMara Ellison\n\nColour \u{1B}[31mred\u{1B}[0m and a bell\u{7}.\n")
        let (saved, _) = try Self.saved(await site.importFiles([file]))
        #expect(saved.title == "Terminal Title")
        let post = try #require(try await site.store.post(id: saved.id))
        #expect(post.body.markdown == "Colour \\[31mred\\[0m and a bell.")
        // Written by other means than an import, they still never reach a feed.
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(title: "Bell\u{7} story", authorName: "A", markdown: "Ring\u{7} \u{1B}[0m."))
        try await site.serve { client in
            let rss = try await client.get("/rss/")
            #expect(rss.status == .ok)
            #expect(FeedTests.elements(rss.text) != nil, "RSS is not well-formed XML")
            #expect(!rss.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        }
    }

    @Test(arguments: StoreKind.allCases) func reimportKeepsWhatAnEditorSet(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let text = "Harbour Reopens\nMara Ellison\nTags: Weather\n\nFirst version.\n"
        let file = try site.writeArticle("harbour.txt", text)
        let (created, _) = try Self.saved(await site.importFiles([file]))
        #expect(created.outcome == .created)
        // An editor unpublishes it for members, writes an excerpt and renames its slug.
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Harbour Reopens", authorName: "Mara Ellison", markdown: "Edited.",
                excerpt: "The editor's excerpt.", status: .draft, visibility: .members))
        let slug = try await site.store.changeSlug(postID: created.id, to: "harbour-open")

        try
            (text.replacingOccurrences(of: "First version.", with: "Second version.")
            .replacingOccurrences(of: "Tags: Weather\n", with: ""))
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (updated, _) = try Self.saved(await site.importFiles([file]))
        #expect(updated.outcome == .updated)
        #expect(updated.id == created.id)
        let post = try #require(try await site.store.post(id: created.id))
        #expect(post.body.markdown == "Second version.")
        #expect(post.status == .draft)
        #expect(post.visibility == .members)
        #expect(post.excerpt == "The editor's excerpt.")
        #expect(post.customExcerpt == "The editor's excerpt.")
        #expect(post.slug == slug)
        // No Tags: line in the file: the tags stay.
        #expect(post.tags.map(\.name) == ["Weather"])
    }

    @Test(arguments: StoreKind.allCases) func futureDatesAreScheduled(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let file = try site.writeArticle(
            "later.txt", "Embargoed Report\nMara Ellison\nDate: 2030-01-15\n\nNot yet.\n")
        let past = try site.writeArticle("past.txt", "Old Report\nMara Ellison\nDate: 2020-01-15\n\nDone.\n")
        let (saved, _) = try Self.saved(await site.importFiles([file]))
        #expect(saved.outcome == .created)
        #expect(saved.status == .scheduled)
        let post = try #require(try await site.store.post(id: saved.id))
        #expect(post.status == .scheduled)
        #expect(post.publishedAt.map { $0 > site.clock.now() } == true)
        // A past date publishes.
        #expect(try Self.saved(await site.importFiles([past])).0.status == .published)
        try await site.serve { client in
            let page = try await client.get("/embargoed-report/")
            #expect(page.status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func japaneseTitlesKeepTheirLettersInTheSlug(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let file = try site.writeArticle("tokyo.txt", "東京の天気、晴れ\nMara Ellison\nTags: 天気\n\n今日は晴れです。\n")
        let (saved, _) = try Self.saved(await site.importFiles([file]))
        #expect(saved.slug == "東京の天気-晴れ")
        let encoded = "/%E6%9D%B1%E4%BA%AC%E3%81%AE%E5%A4%A9%E6%B0%97-%E6%99%B4%E3%82%8C/"
        try await site.serve { client in
            let page = try await client.get(encoded)
            #expect(page.status == .ok)
            #expect(page.text.contains("<link rel=\"canonical\" href=\"https://news.example\(encoded)\">"))
            #expect(page.text.contains("今日は晴れです。"))
            #expect(page.text.contains("href=\"/tag/%E5%A4%A9%E6%B0%97/\""))
            #expect(try await client.get("/tag/%E5%A4%A9%E6%B0%97/").status == .ok)
            let home = try await client.get("/")
            #expect(home.text.contains("href=\"\(encoded)\""))
            // Lowercase escapes are the same page, at its one canonical URL.
            let lower = try await client.get(encoded.lowercased())
            #expect(lower.status == .movedPermanently)
            #expect(lower.headers[.location] == encoded)
        }
    }
}
