import BylineCore
import BylineTestSupport
import Testing

@testable import BylineStore

/// The accent colour and the demo's note through the store, on both engines: saved and read
/// back, a save logs a change (so running servers show it), and a colour that no longer passes
/// (edited by hand in the database) reads as the theme's own.
@Suite struct SiteIdentitySettingsTests {
    @Test(arguments: StoreKind.allCases) func accentAndDemoNoteRoundTrip(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let before = try await temp.store.latestChange()
            var settings = SiteSettings(title: "The Evening Ledger")
            settings.accentColor = "#1d4ed8"
            settings.demoNote = DemoNote(text: "Fiction.", postIDs: [3, 11, 7])
            try await temp.store.saveSettings(settings)
            let read = try await temp.store.settings()
            #expect(read == settings)
            #expect(read.demoNote.text(forPost: 7) == "Fiction." && read.demoNote.text(forPost: 8) == nil)
            #expect(try await temp.store.latestChange() > before)

            // Hand-edited to something the check refuses: the theme's own colour, not a broken page.
            for stored in ["#ffff00", "javascript", "#1d4ed8;}body{display:none"] {
                var values = SiteSettingsCoding.encode(settings)
                values["accent_color"] = stored
                #expect(SiteSettingsCoding.decode(values).accentColor == "", "\(stored)")
            }
        }
    }
}
