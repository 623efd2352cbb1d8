import Testing

@testable import BylineCore

/// `byline site set`'s keys: each value read back as written, checked as the admin checks it.
@Suite struct SiteSettingFieldTests {
    @Test func everyKeyRoundTrips() throws {
        var settings = SiteSettings()
        let values: [(SiteSettingField, String)] = [
            (.title, "The Evening Ledger"), (.description, "Local news."), (.accent, "#1d4ed8"),
            (.footer, "Published by Ledger Ltd."), (.language, "pt-BR"), (.timezone, "Europe/Istanbul"),
            (.postsPerPage, "12"), (.navigation, "World=/tag/world/,About us=https://about.example/team"),
        ]
        for (field, value) in values {
            settings = try field.applying(value, to: settings)
            #expect(field.value(in: settings) == value)
        }
        #expect(
            settings.navigation == [
                NavigationLink(label: "World", url: "/tag/world/"),
                NavigationLink(label: "About us", url: "https://about.example/team"),
            ])
        #expect(settings.accentColor == "#1d4ed8" && settings.postsPerPage == 12)
        // Empty: the theme's colour, the most used tags.
        settings = try SiteSettingField.accent.applying("", to: settings)
        settings = try SiteSettingField.navigation.applying("", to: settings)
        #expect(settings.accentColor == "" && settings.navigation.isEmpty)
    }

    @Test func aLabelMayHoldAnEqualsSign() throws {
        let settings = try SiteSettingField.navigation.applying("1+1=2=/tag/maths/", to: SiteSettings())
        #expect(settings.navigation == [NavigationLink(label: "1+1=2", url: "/tag/maths/")])
    }

    @Test func badValuesAreRefusedSayingWhy() {
        let cases: [(SiteSettingField, String, String)] = [
            (.title, "  ", "cannot be empty"),
            (.accent, "#ffff00", "too light"),
            (.accent, "red", "#rrggbb"),
            (.language, "english please", "language tag"),
            (.timezone, "Mars/Olympus", "IANA"),
            (.timezone, "GMT+3", "IANA"),
            (.postsPerPage, "0", "1 to 100"),
            (.postsPerPage, "ten", "1 to 100"),
            (.navigation, "World", "Label=/path/"),
            (.navigation, "Evil=javascript:alert(1)", "neither a path"),
            (.navigation, "=/tag/world/", "link 1"),
        ]
        for (field, value, words) in cases {
            do {
                _ = try field.applying(value, to: SiteSettings())
                Issue.record("\(field.rawValue) \(value) was accepted")
            } catch {
                #expect(error.description.hasPrefix("\(field.rawValue): "), "\(error)")
                #expect(error.description.contains(words), "\(error)")
            }
        }
    }
}
