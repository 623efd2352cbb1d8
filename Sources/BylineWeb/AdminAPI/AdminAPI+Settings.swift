import BylineCore
import BylineStore
import Hummingbird

/// `/api/admin/settings` and `/api/admin/me`.
extension AdminAPI {
    static let postsPerPageRange = 1...100

    /// Every staff member may read the settings (the title and time zone matter to any writer);
    /// administrators change them.
    @Sendable func readSettings(_ request: Request, context: BylineRequestContext) async throws -> Response {
        _ = try staff(context)
        return APIResponse.json(["settings": APISettings(settings: try await env.store.settings())])
    }

    /// Changes the fields sent; the others keep their value. The time zone must be an IANA name:
    /// scheduling and archive months depend on it.
    @Sendable func updateSettings(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let fields = try await JSONFields.read(request, context: context, envelope: "settings")
        var settings = try await env.store.settings()
        if fields.has("title") { settings.title = try fields.requiredString("title") }
        if fields.has("description") { settings.description = try fields.string("description") ?? "" }
        if fields.has("timezone") {
            let name = try fields.requiredString("timezone")
            guard IANATimeZone.isValid(name) else {
                throw NewsroomError.invalidField(
                    field: "timezone", reason: "\"\(name)\" is not an IANA time zone name such as Europe/London or UTC")
            }
            settings.timeZoneIdentifier = name
        }
        if fields.has("posts_per_page") {
            guard let count = try fields.integer("posts_per_page"), Self.postsPerPageRange.contains(Int(count)) else {
                throw NewsroomError.invalidField(
                    field: "posts_per_page",
                    reason: "must be a whole number from \(Self.postsPerPageRange.lowerBound) to "
                        + "\(Self.postsPerPageRange.upperBound)")
            }
            settings.postsPerPage = Int(count)
        }
        if fields.has("language") {
            let language = try fields.requiredString("language")
            guard LanguageTag.isValid(language) else {
                throw NewsroomError.invalidField(
                    field: "language", reason: "must be a language tag such as en or pt-BR")
            }
            settings.language = language
        }
        if fields.has("footer_note") { settings.footerNote = try fields.string("footer_note") ?? "" }
        if fields.has("accent_color") {
            let typed = try fields.string("accent_color") ?? ""
            settings.accentColor = try AdminSitePages.accentColor(typed)
        }
        if fields.has("navigation") { settings.navigation = try Self.navigation(fields) }
        settings.gate = try Self.gate(fields, over: settings.gate)
        settings.comments = try Self.commentSettings(fields, over: settings.comments)
        settings.images = try await imageSettings(fields, over: settings.images)
        try await env.newsroom.saveSettings(settings, by: user)
        return APIResponse.json(["settings": APISettings(settings: try await env.store.settings())])
    }

    /// The subscriber gate's fields over `current`: `archive_after_days` (null: off),
    /// `preview_paragraphs`, and `subscribe_overlay` with any of `enabled`, `scroll_percent` and
    /// `dismiss_days`. Each left out keeps its value; one out of range is a 422 naming it
    /// (`subscribe_overlay.scroll_percent`).
    static func gate(_ fields: JSONFields, over current: GateSettings) throws -> GateSettings {
        var gate = current
        if fields.has("archive_after_days") {
            gate.archiveAfterDays =
                fields.values["archive_after_days"] == .null
                ? nil : try wholeNumber(fields, "archive_after_days", in: GateSettings.archiveAfterDaysRange)
        }
        if fields.has("preview_paragraphs") {
            gate.previewBlocks = try wholeNumber(fields, "preview_paragraphs", in: GateSettings.previewBlocksRange)
        }
        guard fields.has("subscribe_overlay") else { return gate }
        guard let overlay = try fields.object("subscribe_overlay") else {
            throw NewsroomError.invalidField(field: "subscribe_overlay", reason: "must be an object, not null")
        }
        // Keys as the body nests them, so that a refusal names `subscribe_overlay.dismiss_days`.
        let named = JSONFields(
            values: Dictionary(uniqueKeysWithValues: overlay.values.map { ("subscribe_overlay.\($0.key)", $0.value) }))
        if named.has("subscribe_overlay.enabled") {
            guard case .bool(let enabled)? = named.values["subscribe_overlay.enabled"] else {
                throw NewsroomError.invalidField(field: "subscribe_overlay.enabled", reason: "must be true or false")
            }
            gate.overlayEnabled = enabled
        }
        if named.has("subscribe_overlay.scroll_percent") {
            gate.overlayScrollPercent = try wholeNumber(
                named, "subscribe_overlay.scroll_percent", in: GateSettings.overlayScrollPercentRange)
        }
        if named.has("subscribe_overlay.dismiss_days") {
            gate.overlayDismissDays = try wholeNumber(
                named, "subscribe_overlay.dismiss_days", in: GateSettings.overlayDismissDaysRange)
        }
        return gate
    }

    /// `navigation`: an array of `{"label": ..., "url": ...}` in the order shown (null or `[]`:
    /// none, the header lists the most used tags). A link the settings form would refuse is a
    /// 422 naming `navigation` and the link's place.
    static func navigation(_ fields: JSONFields) throws -> [NavigationLink] {
        let items: [JSONValue]
        switch fields.values["navigation"] {
        case nil, .null?: return []
        case .array(let list)?: items = list
        case let other?:
            throw NewsroomError.invalidField(field: "navigation", reason: "must be an array, not \(other.typeName)")
        }
        let links = try items.enumerated().map { index, item in
            guard case .object(let object) = item, case .string(let label)? = object["label"],
                case .string(let url)? = object["url"]
            else {
                throw NewsroomError.invalidField(
                    field: "navigation",
                    reason: "link \(index + 1) must be an object with a \"label\" and a \"url\" string")
            }
            return NavigationLink(label: label, url: url)
        }
        do {
            return try NavigationList.checked(links)
        } catch {
            throw NewsroomError.invalidField(field: "navigation", reason: error.description)
        }
    }

    /// A whole number within `range`, or a 422 naming the field (null and text included).
    static func wholeNumber(_ fields: JSONFields, _ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let number = try fields.integer(name), range.contains(Int(number)) else {
            throw NewsroomError.invalidField(
                field: name, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    /// The staff member the token (or session) acts for, with their role.
    @Sendable func me(_ request: Request, context: BylineRequestContext) async throws -> Response {
        one("users", APIStaffUser(user: try staff(context)))
    }
}
