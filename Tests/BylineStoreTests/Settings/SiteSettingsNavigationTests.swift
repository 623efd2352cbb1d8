import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The header navigation is kept among the settings' key/value rows on both engines, labels and
/// addresses exactly as saved, in order.
@Suite struct SiteSettingsNavigationTests {
    @Test(arguments: StoreKind.allCases) func navigationRoundTripsInOrder(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            #expect(try await temp.store.settings().navigation.isEmpty)
            var settings = SiteSettings(title: "Scoop Hub", timeZoneIdentifier: "Europe/Istanbul")
            settings.navigation = [
                NavigationLink(label: "World | Europe", url: "/tag/world/"),
                NavigationLink(label: "Über \"uns\" & <Team>", url: "https://example.com/a?b=c&d=é"),
                NavigationLink(label: "Archive", url: "/archive/"),
            ]
            try await temp.store.saveSettings(settings)
            #expect(try await temp.store.settings() == settings)

            settings.navigation = []
            try await temp.store.saveSettings(settings)
            #expect(try await temp.store.settings() == settings)
        }
    }
}
