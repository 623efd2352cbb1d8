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
            guard Self.isLanguageTag(language) else {
                throw NewsroomError.invalidField(
                    field: "language", reason: "must be a language tag such as en or pt-BR")
            }
            settings.language = language
        }
        if fields.has("footer_note") { settings.footerNote = try fields.string("footer_note") ?? "" }
        try await env.newsroom.saveSettings(settings, by: user)
        return APIResponse.json(["settings": APISettings(settings: try await env.store.settings())])
    }

    /// A BCP 47 tag's shape ("en", "pt-BR", "zh-Hant-TW"): it lands in `<html lang>`.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.count <= 35 && parts.allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isASCII) }
            && parts.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber } } && parts[0].allSatisfy(\.isLetter)
    }

    /// The staff member the token (or session) acts for, with their role.
    @Sendable func me(_ request: Request, context: BylineRequestContext) async throws -> Response {
        one("users", APIStaffUser(user: try staff(context)))
    }
}
