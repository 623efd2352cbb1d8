import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The relevance the issue asks for: among the demo articles, the seed article (the first
/// Istanbul peace talks) is closest to the talks' follow-up, not to the stories that merely
/// share a word such as "Turkey", "Ukrainian" or "Istanbul".
@Suite struct DemoRelevanceTests {
    @Test(arguments: StoreKind.allCases) func theSeedArticlesBestMatchIsThePeaceTalksFollowUp(_ kind: StoreKind)
        async throws
    {
        // Today, so every demo article (dated in 2026) is published, as on an installed demo.
        let site = TestSite(temp: try await TestStore.open(kind, now: Date()))
        let articles = Fixtures.repositoryRoot.appendingPathComponent("Demo/articles").path
        let demo = try await DemoSite(store: site.store).installIfEmpty(articlesDirectory: articles)
        var slugs: [String: Int64] = [:]
        for case .imported(let path, let saved, _) in demo {
            slugs[URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent] = saved.id
        }
        // The demo computed every list at install: the server needs no job for them.
        #expect(try await site.store.staleRelatedListCount() == 0)
        for id in slugs.values { #expect(try await !site.store.relatedList(of: id).isEmpty) }

        let seed = try #require(
            await site.importFiles([Fixtures.seedPath]).compactMap { result -> SavedPost? in
                if case .imported(_, let saved, _) = result { return saved }
                return nil
            }.first)
        try await site.store.refreshAllRelatedLists()
        let ranked = try await site.store.relatedList(of: seed.id).map(\.id)
        let followUp = try #require(slugs["02-istanbul-talks-prisoner-exchange"])
        #expect(ranked.first == followUp, "the follow-up first: \(ranked)")
        for distractor in [
            "03-turkey-central-bank-holds-rates", "04-ukrainian-wheat-storage", "05-istanbul-tech-startups",
        ] {
            let id = try #require(slugs[distractor])
            if let position = ranked.firstIndex(of: id) {
                #expect(position > ranked.firstIndex(of: followUp)!, "\(distractor) ranks below the follow-up")
            }
        }
        #expect(!ranked.contains(seed.id))
        // The follow-up's own list names the seed article now (the fan-out reached it).
        #expect(try await site.store.relatedList(of: followUp).map(\.id).contains(seed.id))
        await site.temp.close()
    }
}
