import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The demo site comes with two newsletters, once: installing over an existing site adds none.
@Suite struct DemoNewslettersTests {
    @Test(arguments: StoreKind.allCases) func theDemoHasTwoNewsletters(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let articles = Fixtures.repositoryRoot.appendingPathComponent("Demo/articles").path
            let demo = DemoSite(store: temp.store)
            let results = try await demo.installIfEmpty(articlesDirectory: articles)
            #expect(!results.isEmpty)
            let names = try await temp.store.newsletters(includingInactive: true).map(\.name)
            #expect(names == ["Daily Briefing", "Breaking News"])
            // The site has posts now: a second start installs nothing, and the server's default
            // newsletter does not join the demo's two.
            #expect(try await demo.installIfEmpty(articlesDirectory: articles).isEmpty)
            _ = try await temp.store.ensureDefaultNewsletter(name: "Scoop Hub")
            #expect(try await temp.store.newsletters(includingInactive: true).count == 2)
        }
    }
}
