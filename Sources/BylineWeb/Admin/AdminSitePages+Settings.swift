import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/admin/settings`: the site's title, description, time zone, posts per page, footer note,
/// accent colour, header navigation and subscriber gate (administrators and the owner). A save shows on the
/// public site at once: ``Newsroom/saveSettings(_:by:)`` reloads this node's chrome and drops the
/// cached pages.
extension AdminSitePages {
    func settingsPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        try await settingsResponse(request, context, settings: env.store.settings())
    }

    func saveSettings(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let form = try await form(request, context)
        let current = try await env.store.settings()
        do {
            try env.newsroom.require(user, .manageSettings, "change site settings")
            var settings = try Self.settings(form, over: current)
            settings.images = try await imageSettings(form, over: current.images)
            try await env.newsroom.saveSettings(settings, by: user)
            return redirect("/admin/settings", notice: .settingsSaved)
        } catch {
            return try await settingsResponse(
                request, context, settings: current, refusal: refusal(error), typed: form)
        }
    }

    /// The form's fields over `current` (the language stays). Each field that is not what it
    /// should be is a 422 naming it.
    static func settings(_ form: FormFields, over current: SiteSettings) throws -> SiteSettings {
        var settings = current
        settings.title = try form.required("title")
        settings.description = form.optional("description") ?? ""
        settings.timeZoneIdentifier = try timeZoneIdentifier(try form.required("time_zone"))
        guard let perPage = try form.integer("posts_per_page"), (1...100).contains(perPage) else {
            throw NewsroomError.invalidField(field: "posts_per_page", reason: "must be a number from 1 to 100")
        }
        settings.postsPerPage = Int(perPage)
        settings.footerNote = form.optional("footer_note") ?? ""
        // A form loaded before the field existed keeps the stored colour.
        if let typed = form["accent_color"] { settings.accentColor = try accentColor(typed) }
        do {
            settings.navigation = try NavigationList.parse(form["navigation"] ?? "")
        } catch {
            throw NewsroomError.invalidField(field: "navigation", reason: error.description)
        }
        settings.gate = try gate(form, over: current.gate)
        settings.comments = try AdminCommentPages.settings(form, over: current.comments)
        return settings
    }

    /// The "Subscriber gate" fieldset over `current`. A checkbox comes with a hidden "off" before
    /// it (the form sends the last value), so a form without the fieldset at all, like one
    /// loaded before it existed, keeps what is stored; so does a number field left out. A
    /// number out of its range, or the archive checked without days, is a 422 naming the field.
    static func gate(_ form: FormFields, over current: GateSettings) throws -> GateSettings {
        var gate = current
        if checkbox(form, "archive_enabled") ?? (current.archiveAfterDays != nil) {
            if form["archive_after_days"] != nil || current.archiveAfterDays == nil {
                gate.archiveAfterDays = try number(form, "archive_after_days", GateSettings.archiveAfterDaysRange)
            }
        } else {
            gate.archiveAfterDays = nil
        }
        if form["preview_paragraphs"] != nil {
            gate.previewBlocks = try number(form, "preview_paragraphs", GateSettings.previewBlocksRange)
        }
        gate.overlayEnabled = checkbox(form, "overlay_enabled") ?? current.overlayEnabled
        if form["overlay_scroll_percent"] != nil {
            gate.overlayScrollPercent = try number(
                form, "overlay_scroll_percent", GateSettings.overlayScrollPercentRange)
        }
        if form["overlay_dismiss_days"] != nil {
            gate.overlayDismissDays = try number(form, "overlay_dismiss_days", GateSettings.overlayDismissDaysRange)
        }
        return gate
    }

    /// A checkbox's state: "on" checked, anything else not; nil when the form does not have it.
    static func checkbox(_ form: FormFields, _ name: String) -> Bool? {
        form[name].map { $0 == "on" }
    }

    /// A whole number within `range`, or 422 naming the field (blank included).
    static func number(_ form: FormFields, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = try form.integer(name), range.contains(Int(value)) else {
            throw NewsroomError.invalidField(
                field: name, reason: "must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(value)
    }

    /// `#rrggbb` that passes ``AccentColor``'s contrast check, or "" (blank: the theme's own
    /// colour); else 422 naming `accent_color` with what to type instead.
    static func accentColor(_ typed: String) throws -> String {
        if typed.trimmingWhitespace().isEmpty { return "" }
        do {
            return try AccentColor(validating: typed).hex
        } catch {
            throw NewsroomError.invalidField(field: "accent_color", reason: error.description)
        }
    }

    /// The IANA name as the time zone database spells it ("europe/london" is "Europe/London"),
    /// or 422 naming `time_zone`: an offset like "GMT+3" does not follow summer time.
    static func timeZoneIdentifier(_ typed: String) throws -> String {
        if typed.uppercased() == "UTC" { return "UTC" }
        let lowered = typed.lowercased()
        guard let known = TimeZone.knownTimeZoneIdentifiers.first(where: { $0.lowercased() == lowered }),
            TimeZone(identifier: known) != nil
        else {
            throw NewsroomError.invalidField(
                field: "time_zone", reason: "\"\(typed)\" is not a time zone name such as Europe/London or UTC")
        }
        return known
    }

    func settingsResponse(
        _ request: Request, _ context: BylineRequestContext, settings: SiteSettings, refusal: NewsroomError? = nil,
        typed: FormFields? = nil
    ) async throws -> Response {
        let user = try user(context)
        guard NewsroomPermissions.allows(user.role, .manageSettings) else {
            return forbiddenPage(
                refusal?.description ?? "Only administrators and the owner change site settings.", title: "Settings",
                request: request, context: context)
        }
        var values: [String: Any] = [
            "title": typed?["title"] ?? settings.title,
            "description": typed?["description"] ?? settings.description,
            "timeZone": typed?["time_zone"] ?? settings.timeZoneIdentifier,
            "postsPerPage": typed?["posts_per_page"] ?? String(settings.postsPerPage),
            "footerNote": typed?["footer_note"] ?? settings.footerNote,
            "accentColor": typed?["accent_color"] ?? settings.accentColor,
            "navigation": typed?["navigation"] ?? NavigationList.text(settings.navigation),
            "timeZones": Self.timeZoneNames,
            "gate": Self.gateValues(settings.gate, typed: typed),
            "comments": AdminCommentPages.settingsValues(settings.comments, typed: typed),
        ]
        values["images"] = try await imageSettingsValues(settings.images, typed: typed)
        return render("site-settings", title: "Settings", values, request: request, context: context, refusal: refusal)
    }

    /// The "Subscriber gate" fieldset's values: what was typed when a save was refused, else
    /// what is stored. With the archive rule off, its days field suggests a year.
    static func gateValues(_ gate: GateSettings, typed: FormFields?) -> [String: Any] {
        [
            "archiveEnabled": typed.flatMap { checkbox($0, "archive_enabled") } ?? (gate.archiveAfterDays != nil),
            "archiveAfterDays": typed?["archive_after_days"] ?? String(gate.archiveAfterDays ?? 365),
            "previewParagraphs": typed?["preview_paragraphs"] ?? String(gate.previewBlocks),
            "overlayEnabled": typed.flatMap { checkbox($0, "overlay_enabled") } ?? gate.overlayEnabled,
            "overlayScrollPercent": typed?["overlay_scroll_percent"] ?? String(gate.overlayScrollPercent),
            "overlayDismissDays": typed?["overlay_dismiss_days"] ?? String(gate.overlayDismissDays),
            "ranges": [
                "archiveMax": GateSettings.archiveAfterDaysRange.upperBound,
                "previewMax": GateSettings.previewBlocksRange.upperBound,
                "scrollMin": GateSettings.overlayScrollPercentRange.lowerBound,
                "scrollMax": GateSettings.overlayScrollPercentRange.upperBound,
                "dismissMax": GateSettings.overlayDismissDaysRange.upperBound,
            ],
        ]
    }

    /// For the time zone field's suggestions.
    static let timeZoneNames: [String] =
        ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted()
}
