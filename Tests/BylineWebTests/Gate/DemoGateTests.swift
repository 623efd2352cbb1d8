import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

@testable import BylineImport

/// The demo turns the archive rule on with the days that put its four oldest articles behind
/// the gate, whatever the day it is installed: its articles have fixed dates.
@Suite struct DemoGateTests {
    static let day: TimeInterval = 86_400

    @Test func theDaysGateExactlyTheOldestArticles() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let ages: [Double] = [3, 10, 40, 41, 90, 120, 121, 300]
        let dates = ages.map { now.addingTimeInterval(-$0 * Self.day - 3600) }
        for gated in 1...4 {
            let days = try #require(DemoSite.archiveAfterDays(publishedDates: dates, gated: gated, now: now))
            let rule = GateSettings(archiveAfterDays: days)
            let caught = dates.filter {
                GatePolicy.effectiveVisibility(.public, publishedAt: $0, settings: rule, now: now) == .members
            }
            #expect(caught.count == gated, "\(gated) gated with \(days) days")
        }
        #expect(DemoSite.archiveAfterDays(publishedDates: Array(dates.prefix(3)), gated: 4, now: now) == nil)
    }

    @Test(arguments: StoreKind.allCases) func theInstalledDemoGatesItsFourOldestArticles(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let articles = Fixtures.repositoryRoot.appendingPathComponent("Demo/articles").path
            let results = try await DemoSite(store: temp.store).installIfEmpty(articlesDirectory: articles)
            let dates = results.compactMap { result -> Date? in
                if case .imported(_, let saved, _) = result { return saved.publishedAt }
                return nil
            }
            let settings = try await temp.store.settings()
            #expect(settings.gate.archiveAfterDays != nil)
            #expect(settings.gate.previewBlocks == 3)
            let gated = dates.filter {
                GatePolicy.effectiveVisibility(.public, publishedAt: $0, settings: settings.gate, now: Date())
                    == .members
            }
            #expect(gated.count == DemoSite.gatedArticleCount)
        }
    }
}
