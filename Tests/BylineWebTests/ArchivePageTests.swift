import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BylineWeb

/// `/archive/` lists months; `/archive/YYYY/MM/` lists one month's posts, paginated.
@Suite struct ArchivePageTests {
    @Test(arguments: StoreKind.allCases) func theArchiveListsMonthsAndEachMonthItsPosts(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        // 12 February stories, and one in December 2025.
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Winter story", authorName: "Mara Ellison", markdown: "Snow.",
                publishedAt: Date(timeIntervalSince1970: 1_765_000_000)))
        try await site.serve { client in
            let archive = try await client.get("/archive/")
            #expect(archive.status == .ok)
            let text = archive.text
            #expect(!text.contains("Story number"))
            let february = try #require(text.range(of: "href=\"/archive/2026/02/\"")).lowerBound
            let december = try #require(text.range(of: "href=\"/archive/2025/12/\"")).lowerBound
            #expect(february < december, "newest month first")
            #expect(text.contains(">2026</h2>") && text.contains(">2025</h2>"))
            #expect(text.contains(">February</a>") && text.contains("aria-label=\"December 2025\""))
            #expect(text.contains("<link rel=\"canonical\" href=\"https://news.example/archive/\">"))

            let first = try await client.get("/archive/2026/02/")
            #expect(first.status == .ok)
            #expect(elementText(first.text, "class=\"archive-title\"") == "February 2026")
            #expect(first.text.contains("Stories: 12"))
            #expect(count("<time datetime=", in: first.text) == 10)
            #expect(first.text.contains(">Story number 12</a>") && first.text.contains(">Story number 3</a>"))
            #expect(!first.text.contains(">Story number 2</a>") && !first.text.contains("Winter story"))
            #expect(first.text.contains("href=\"/archive/2026/02/page/2/\""))
            #expect(first.text.contains("href=\"/author/mara-ellison/\""))
            #expect(first.text.contains("<link rel=\"canonical\" href=\"https://news.example/archive/2026/02/\">"))

            let second = try await client.get("/archive/2026/02/page/2/")
            #expect(second.status == .ok)
            #expect(second.text.contains(">Story number 2</a>") && second.text.contains(">Story number 1</a>"))
            #expect(!second.text.contains(">Story number 3</a>"))
            #expect(second.text.contains("href=\"/archive/2026/02/\""))

            let winter = try await client.get("/archive/2025/12/")
            #expect(winter.status == .ok)
            #expect(winter.text.contains(">Winter story</a>"))

            for (path, target) in [
                ("/archive/2026/02", "/archive/2026/02/"), ("/archive/2026/02/page/1/", "/archive/2026/02/"),
                ("/archive/2026/02/page/2", "/archive/2026/02/page/2/"),
            ] {
                let response = try await client.get(path)
                #expect(response.status == .movedPermanently, "\(path)")
                #expect(response.headers[.location] == target, "\(path)")
            }
            // Past the end, an empty month, months that do not exist, malformed numbers.
            for path in [
                "/archive/2026/02/page/3/", "/archive/2026/03/", "/archive/1999/01/", "/archive/2026/13/",
                "/archive/2026/00/", "/archive/0000/01/", "/archive/2026/2/", "/archive/26/02/", "/archive/2026/",
                "/archive/2026/02/page/0/", "/archive/2026/02/x/",
            ] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path) gave \(response.status)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func monthsFollowTheSitesTimeZone(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        var settings = try await site.store.settings()
        settings.timeZoneIdentifier = "Asia/Tokyo"
        try await site.store.saveSettings(settings)
        // 28 February 2026, 20:00 UTC: 1 March 05:00 in Tokyo.
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Late night", authorName: "A", markdown: "Text.",
                publishedAt: Date(timeIntervalSince1970: 1_772_308_800)))
        try await site.serve { client in
            let archive = try await client.get("/archive/")
            #expect(archive.text.contains("href=\"/archive/2026/03/\""))
            #expect(!archive.text.contains("href=\"/archive/2026/02/\""))
            let march = try await client.get("/archive/2026/03/")
            #expect(march.status == .ok)
            #expect(march.text.contains(">Late night</a>"))
            #expect(march.text.contains(">1 March 2026</time>"))
            #expect(try await client.get("/archive/2026/02/").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func anEmptySiteHasAnEmptyArchive(kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        try await site.serve { client in
            let archive = try await client.get("/archive/")
            #expect(archive.status == .ok)
            #expect(archive.text.contains("The archive is empty for now."))
        }
    }

    @Test(arguments: StoreKind.allCases) func aNewPostShowsInItsMonthAndTheMonthList(kind: StoreKind) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serveWithServer { client, server in
            let cache = try #require(server.cache)
            #expect(try await client.get("/archive/").status == .ok)
            #expect(try await client.get("/archive/2026/02/").status == .ok)
            #expect(cache.page("/archive/2026/02/") != nil)
            _ = try await site.otherProcessStore().upsertPost(
                matchingTitle: PostInput(
                    title: "Spring story", authorName: "A", markdown: "Blossom.",
                    publishedAt: Date(timeIntervalSince1970: 1_775_000_000)))
            let archive = try await client.poll("/archive/") { $0.text.contains("/archive/2026/03/") }
            #expect(archive.text.contains("href=\"/archive/2026/03/\""))
            // The watcher drops the month pages within its poll interval (`.archive` is in every post write).
            let deadline = Date().addingTimeInterval(2)
            while cache.page("/archive/2026/02/") != nil, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(cache.page("/archive/2026/02/") == nil)
            let march = try await client.get("/archive/2026/03/")
            #expect(march.text.contains(">Spring story</a>"))
        }
    }
}
