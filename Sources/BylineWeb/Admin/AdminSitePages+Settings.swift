import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/admin/settings`: the site's title, description, time zone, posts per page, footer note and
/// header navigation (administrators and the owner). A save shows on the public site at once:
/// ``Newsroom/saveSettings(_:by:)`` reloads this node's chrome and drops the cached pages.
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
            try await env.newsroom.saveSettings(try Self.settings(form, over: current), by: user)
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
        do {
            settings.navigation = try NavigationList.parse(form["navigation"] ?? "")
        } catch {
            throw NewsroomError.invalidField(field: "navigation", reason: error.description)
        }
        return settings
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
        let values: [String: Any] = [
            "title": typed?["title"] ?? settings.title,
            "description": typed?["description"] ?? settings.description,
            "timeZone": typed?["time_zone"] ?? settings.timeZoneIdentifier,
            "postsPerPage": typed?["posts_per_page"] ?? String(settings.postsPerPage),
            "footerNote": typed?["footer_note"] ?? settings.footerNote,
            "navigation": typed?["navigation"] ?? NavigationList.text(settings.navigation),
            "timeZones": Self.timeZoneNames,
        ]
        return render("site-settings", title: "Settings", values, request: request, context: context, refusal: refusal)
    }

    /// For the time zone field's suggestions.
    static let timeZoneNames: [String] =
        ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted()
}
