import BylineCore

/// The site settings as `GET` and `PUT /api/admin/settings` show them. The subscriber gate's
/// settings speak as the newsroom does: the preview counts paragraphs, the overlay is one
/// object, and an archive rule that is off is `null`.
struct APISettings: Encodable {
    let settings: SiteSettings

    enum CodingKeys: String, CodingKey {
        case title, description, timezone, language
        case postsPerPage = "posts_per_page"
        case footerNote = "footer_note"
        case accentColor = "accent_color"
        case navigation
        case archiveAfterDays = "archive_after_days"
        case previewParagraphs = "preview_paragraphs"
        case subscribeOverlay = "subscribe_overlay"
        case comments
        case imageMaxBytes = "image_max_bytes"
        case logoImage = "logo_image"
        case iconImage = "icon_image"
        case defaultShareImage = "default_share_image"
    }

    /// `subscribe_overlay`: whether it shows, how far down, and how long "Continue reading"
    /// keeps it away.
    enum OverlayKeys: String, CodingKey {
        case enabled
        case scrollPercent = "scroll_percent"
        case dismissDays = "dismiss_days"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings.title, forKey: .title)
        try container.encode(settings.description, forKey: .description)
        try container.encode(settings.timeZoneIdentifier, forKey: .timezone)
        try container.encode(settings.language, forKey: .language)
        try container.encode(settings.postsPerPage, forKey: .postsPerPage)
        try container.encode(settings.footerNote, forKey: .footerNote)
        // "" (not null): the theme's own colour, and what a client sends back to restore it.
        try container.encode(settings.accentColor, forKey: .accentColor)
        try container.encode(settings.navigation, forKey: .navigation)
        // Encoded even when nil: a client reads `null` as "off", not as a field it lacks.
        try container.encode(settings.gate.archiveAfterDays, forKey: .archiveAfterDays)
        try container.encode(settings.gate.previewBlocks, forKey: .previewParagraphs)
        var overlay = container.nestedContainer(keyedBy: OverlayKeys.self, forKey: .subscribeOverlay)
        try overlay.encode(settings.gate.overlayEnabled, forKey: .enabled)
        try overlay.encode(settings.gate.overlayScrollPercent, forKey: .scrollPercent)
        try overlay.encode(settings.gate.overlayDismissDays, forKey: .dismissDays)
        try container.encode(APICommentSettings(settings: settings.comments), forKey: .comments)
        // Images by id (``APIImage``), null for none.
        try container.encode(settings.images.maxBytes, forKey: .imageMaxBytes)
        try container.encode(settings.images.logoImageID, forKey: .logoImage)
        try container.encode(settings.images.iconImageID, forKey: .iconImage)
        try container.encode(settings.images.defaultShareImageID, forKey: .defaultShareImage)
    }
}
