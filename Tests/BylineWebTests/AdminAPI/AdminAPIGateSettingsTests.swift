import BylineCore
import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// The subscriber gate's settings through `GET` and `PUT /api/admin/settings`: the archive rule
/// (`null`: off), the free preview and the subscribe overlay, any subset at a time, bad values
/// refused naming the field. Every answer is also checked against `openapi/admin-api.yaml`.
@Suite struct AdminAPIGateSettingsTests {
    @Test(arguments: StoreKind.allCases)
    func readAndChangeTheGate(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let owner = api.with(token: staff.owner.token)
            let read = try await api.with(token: staff.author.token).get("/settings")
            #expect(read.code == 200)
            #expect(read["settings"]?["archive_after_days"] == .null)
            #expect(read["settings"]?["preview_paragraphs"] == .number(3))
            #expect(
                read["settings"]?["subscribe_overlay"]
                    == .object(["enabled": .bool(true), "scroll_percent": .number(50), "dismiss_days": .number(30)]))

            let body = AdminAPIClient.body([
                "archive_after_days": 180, "preview_paragraphs": 5, "subscribe_overlay": ["scroll_percent": 70],
            ])
            let saved = try await owner.call(.put, "/settings", json: body)
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved["settings"]?["archive_after_days"] == .number(180))
            #expect(saved["settings"]?["preview_paragraphs"] == .number(5))
            #expect(
                saved["settings"]?["subscribe_overlay"]
                    == .object(["enabled": .bool(true), "scroll_percent": .number(70), "dismiss_days": .number(30)]))
            #expect(saved["settings"]?["title"] == read["settings"]?["title"])

            // Fields left out keep their value, inside the overlay too.
            let overlay = try await owner.call(
                .put, "/settings", json: #"{"subscribe_overlay": {"enabled": false, "dismiss_days": 7}}"#)
            #expect(overlay.code == 200, "\(overlay.message)")
            #expect(
                try await site.store.settings().gate
                    == GateSettings(
                        archiveAfterDays: 180, previewBlocks: 5, overlayEnabled: false, overlayScrollPercent: 70,
                        overlayDismissDays: 7))

            // null turns the archive rule off; a settings envelope is read as well.
            let off = try await owner.call(.put, "/settings", json: #"{"settings": [{"archive_after_days": null}]}"#)
            #expect(off.code == 200, "\(off.message)")
            #expect(off["settings"]?["archive_after_days"] == .null)
            #expect(try await site.store.settings().gate.archiveAfterDays == nil)
            #expect(try await owner.get("/settings")["settings"]?["preview_paragraphs"] == .number(5))

            #expect(
                try await api.with(token: staff.editor.token).call(
                    .put, "/settings", json: #"{"preview_paragraphs": 2}"#
                ).code == 403)
            #expect(try await site.store.settings().gate.previewBlocks == 5)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func badGateValuesAre422NamingTheField(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let owner = api.with(token: staff.owner.token)
            for (body, field) in [
                (#"{"archive_after_days": 0}"#, "archive_after_days"),
                (#"{"archive_after_days": "90"}"#, "archive_after_days"),
                (#"{"archive_after_days": 36501}"#, "archive_after_days"),
                (#"{"archive_after_days": 1.5}"#, "archive_after_days"),
                (#"{"preview_paragraphs": 0}"#, "preview_paragraphs"),
                (#"{"preview_paragraphs": 21}"#, "preview_paragraphs"),
                (#"{"preview_paragraphs": null}"#, "preview_paragraphs"),
                (#"{"subscribe_overlay": null}"#, "subscribe_overlay"),
                (#"{"subscribe_overlay": true}"#, "subscribe_overlay"),
                (#"{"subscribe_overlay": {"enabled": "yes"}}"#, "subscribe_overlay.enabled"),
                (#"{"subscribe_overlay": {"scroll_percent": 9}}"#, "subscribe_overlay.scroll_percent"),
                (#"{"subscribe_overlay": {"scroll_percent": 91}}"#, "subscribe_overlay.scroll_percent"),
                (#"{"subscribe_overlay": {"dismiss_days": 0}}"#, "subscribe_overlay.dismiss_days"),
                (#"{"subscribe_overlay": {"dismiss_days": 366}}"#, "subscribe_overlay.dismiss_days"),
                // One bad value refuses the whole change.
                (#"{"title": "Not Saved", "preview_paragraphs": 99}"#, "preview_paragraphs"),
            ] {
                let answer = try await owner.call(.put, "/settings", json: body)
                #expect(answer.code == 422, "\(body)")
                #expect(answer.field == field, "\(body): \(answer.message)")
            }
            #expect(try await site.store.settings() == SiteSettings())
        }
    }

    /// A post's visibility through the API: `paid` is accepted and read back; anything else is
    /// a 422 that names the three choices.
    @Test(arguments: StoreKind.allCases)
    func aPostMayBeForPaidMembers(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let editor = api.with(token: staff.editor.token)
            let created = try await editor.call(
                .post, "/posts", json: #"{"title": "For paying readers", "visibility": "paid"}"#)
            #expect(created.code == 201, "\(created.message)")
            #expect(created.first("posts")?["visibility"] == .string("paid"))
            let id = try #require(created.first("posts")?["id"]?.intValue)
            #expect(try await site.store.post(id: id)?.visibility == .paid)
            #expect(try await editor.get("/posts")["posts"]?[0]?["visibility"] == .string("paid"))

            let refused = try await editor.call(
                .post, "/posts", json: #"{"title": "Nobody", "visibility": "subscribers"}"#)
            #expect(refused.code == 422)
            #expect(refused.field == "visibility")
            #expect(refused.message.contains("public, members, paid"))
        }
    }
}
