import BylineCore

/// The site settings as `GET` and `PUT /api/admin/settings` show them.
struct APISettings: Encodable {
    let settings: SiteSettings

    enum CodingKeys: String, CodingKey {
        case title, description, timezone, language
        case postsPerPage = "posts_per_page"
        case footerNote = "footer_note"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings.title, forKey: .title)
        try container.encode(settings.description, forKey: .description)
        try container.encode(settings.timeZoneIdentifier, forKey: .timezone)
        try container.encode(settings.language, forKey: .language)
        try container.encode(settings.postsPerPage, forKey: .postsPerPage)
        try container.encode(settings.footerNote, forKey: .footerNote)
    }
}
