import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The "Subscriber gate" fieldset of `/admin/settings`: the archive rule, the free preview and
/// the subscribe overlay saved with the other settings, a bad value refused with a 422 naming
/// it and nothing saved, and the form keeping what was typed.
@Suite struct AdminGateSettingsPageTests {
    /// The settings form as a browser posts it: every checkbox comes with its hidden "off" first,
    /// then "on" when it is checked.
    static func fields(
        archive: Bool = true, archiveDays: String = "90", preview: String = "4", overlay: Bool = false,
        scroll: String = "60", dismiss: String = "14"
    ) -> [(String, String)] {
        AdminSettingsPageTests.fields(timeZone: "UTC", perPage: "10") + [
            ("archive_enabled", "off")
        ] + (archive ? [("archive_enabled", "on")] : []) + [
            ("archive_after_days", archiveDays), ("preview_paragraphs", preview), ("overlay_enabled", "off"),
        ] + (overlay ? [("overlay_enabled", "on")] : []) + [
            ("overlay_scroll_percent", scroll), ("overlay_dismiss_days", dismiss),
        ]
    }

    @Test(arguments: StoreKind.allCases) func theGateSettingsSaveAndShowAgain(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        try await site.serve { client in
            let form = try await client.get("/admin/settings", headers: admin.headers())
            #expect(form.text.contains("<legend>Subscriber gate</legend>"))
            // The defaults: archive off, three paragraphs, overlay on at half the article for 30 days.
            #expect(!form.text.contains("name=\"archive_enabled\" value=\"on\" checked"))
            #expect(form.text.contains("name=\"preview_paragraphs\" value=\"3\""))
            #expect(form.text.contains("name=\"overlay_enabled\" value=\"on\" checked"))
            #expect(form.text.contains("name=\"overlay_scroll_percent\" value=\"50\""))
            #expect(form.text.contains("name=\"overlay_dismiss_days\" value=\"30\""))

            let saved = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields()), headers: admin.headers())
            #expect(saved.status == .seeOther)
            #expect(
                try await site.store.settings().gate
                    == GateSettings(
                        archiveAfterDays: 90, previewBlocks: 4, overlayEnabled: false, overlayScrollPercent: 60,
                        overlayDismissDays: 14))
            let shown = try await client.get("/admin/settings", headers: admin.headers())
            #expect(shown.text.contains("name=\"archive_enabled\" value=\"on\" checked"))
            #expect(shown.text.contains("name=\"archive_after_days\" value=\"90\""))
            #expect(shown.text.contains("name=\"preview_paragraphs\" value=\"4\""))
            #expect(!shown.text.contains("name=\"overlay_enabled\" value=\"on\" checked"))
            #expect(shown.text.contains("name=\"overlay_scroll_percent\" value=\"60\""))
            #expect(shown.text.contains("name=\"overlay_dismiss_days\" value=\"14\""))

            // Unchecked, the archive rule is off whatever the days field holds.
            let off = try await client.postForm(
                "/admin/settings", csrfFields(admin, Self.fields(archive: false, archiveDays: "", overlay: true)),
                headers: admin.headers())
            #expect(off.status == .seeOther)
            let stored = try await site.store.settings().gate
            #expect(stored.archiveAfterDays == nil)
            #expect(stored.overlayEnabled)

            // A form without the fieldset (loaded before it existed) keeps the gate as it is.
            let older = try await client.postForm(
                "/admin/settings", csrfFields(admin, AdminSettingsPageTests.fields(title: "Older Form")),
                headers: admin.headers())
            #expect(older.status == .seeOther)
            #expect(try await site.store.settings().title == "Older Form")
            #expect(try await site.store.settings().gate == stored)
        }
    }

    @Test(arguments: StoreKind.allCases) func badGateValuesAre422NamingTheFieldAndNothingIsSaved(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        try await site.serve { client in
            let refusals: [([(String, String)], String, String)] = [
                (Self.fields(archiveDays: "0"), "archive_after_days", "0"),
                (Self.fields(archiveDays: ""), "archive_after_days", ""),
                (Self.fields(archiveDays: "soon"), "archive_after_days", "soon"),
                (Self.fields(preview: "0"), "preview_paragraphs", "0"),
                (Self.fields(preview: "21"), "preview_paragraphs", "21"),
                (Self.fields(preview: "three"), "preview_paragraphs", "three"),
                (Self.fields(scroll: "9"), "overlay_scroll_percent", "9"),
                (Self.fields(scroll: "91"), "overlay_scroll_percent", "91"),
                (Self.fields(scroll: "50.5"), "overlay_scroll_percent", "50.5"),
                (Self.fields(dismiss: "0"), "overlay_dismiss_days", "0"),
                (Self.fields(dismiss: "366"), "overlay_dismiss_days", "366"),
            ]
            for (fields, field, typed) in refusals {
                let refused = try await client.postForm(
                    "/admin/settings", csrfFields(admin, fields), headers: admin.headers())
                #expect(refused.status == .unprocessableContent, "\(field)=\(typed)")
                #expect(refused.text.contains("\(field): must be"), "\(field)=\(typed)")
                // The form shows what was typed, the field marked.
                #expect(
                    refused.text.contains("name=\"\(field)\" value=\"\(typed)\""), "\(field)=\(typed)")
                #expect(
                    refused.text.range(of: "name=\"\(field)\"[^>]*aria-invalid=\"true\"", options: .regularExpression)
                        != nil, "\(field)=\(typed)")
                #expect(refused.text.contains("name=\"archive_enabled\" value=\"on\" checked"))
                #expect(refused.text.contains("value=\"The Daily Planet\""))
            }
            #expect(try await site.store.settings() == SiteSettings())
        }
    }
}
