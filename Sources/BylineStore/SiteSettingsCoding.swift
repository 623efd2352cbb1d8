import BylineCore

/// Settings to and from key/value pairs, the same for every engine.
enum SiteSettingsCoding {
    static func encode(_ settings: SiteSettings) -> [String: String] {
        [
            "title": settings.title, "description": settings.description,
            "time_zone": settings.timeZoneIdentifier, "footer_note": settings.footerNote,
            "language": settings.language, "posts_per_page": String(settings.postsPerPage),
        ]
    }

    static func decode(_ values: [String: String]) -> SiteSettings {
        let defaults = SiteSettings()
        return SiteSettings(
            title: values["title"] ?? defaults.title,
            description: values["description"] ?? defaults.description,
            timeZoneIdentifier: values["time_zone"] ?? defaults.timeZoneIdentifier,
            footerNote: values["footer_note"] ?? defaults.footerNote,
            language: values["language"] ?? defaults.language,
            postsPerPage: values["posts_per_page"].flatMap(Int.init).map { max(1, min($0, 100)) }
                ?? defaults.postsPerPage)
    }
}
