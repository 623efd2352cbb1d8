import BylineCore
import Foundation

/// Settings to and from key/value pairs, the same for every engine.
enum SiteSettingsCoding {
    static func encode(_ settings: SiteSettings) -> [String: String] {
        [
            "title": settings.title, "description": settings.description,
            "time_zone": settings.timeZoneIdentifier, "footer_note": settings.footerNote,
            "language": settings.language, "posts_per_page": String(settings.postsPerPage),
            "navigation": encodeNavigation(settings.navigation),
            "archive_after_days": settings.gate.archiveAfterDays.map(String.init) ?? "",
            "preview_blocks": String(settings.gate.previewBlocks),
            "overlay_enabled": settings.gate.overlayEnabled ? "true" : "false",
            "overlay_scroll_percent": String(settings.gate.overlayScrollPercent),
            "overlay_dismiss_days": String(settings.gate.overlayDismissDays),
            "comments_enabled": settings.comments.enabled ? "true" : "false",
            "comments_hold_first": settings.comments.holdFirstComment ? "true" : "false",
            "comments_max_links": String(settings.comments.maxLinks),
            "accent_color": settings.accentColor,
            "demo_note": settings.demoNote.text,
            "demo_note_posts": settings.demoNote.postIDs.sorted().map(String.init).joined(separator: ","),
        ].merging(encodeImages(settings.images)) { first, _ in first }
    }

    static func decode(_ values: [String: String]) -> SiteSettings {
        let defaults = SiteSettings()
        var settings = SiteSettings(
            title: values["title"] ?? defaults.title,
            description: values["description"] ?? defaults.description,
            timeZoneIdentifier: values["time_zone"] ?? defaults.timeZoneIdentifier,
            footerNote: values["footer_note"] ?? defaults.footerNote,
            language: values["language"] ?? defaults.language,
            postsPerPage: values["posts_per_page"].flatMap(Int.init).map { max(1, min($0, 100)) }
                ?? defaults.postsPerPage,
            navigation: values["navigation"].map(decodeNavigation) ?? defaults.navigation,
            gate: decodeGate(values), comments: decodeComments(values)
        )
        .with(images: decodeImages(values))
        settings.accentColor = decodeAccentColor(values["accent_color"])
        settings.demoNote = DemoNote(
            text: values["demo_note"] ?? "",
            postIDs: Set((values["demo_note_posts"] ?? "").split(separator: ",").compactMap { Int64($0) }))
        return settings
    }

    /// A colour that no longer passes (edited by hand, or a stricter check) is the theme's own.
    static func decodeAccentColor(_ value: String?) -> String {
        guard let value, !value.isEmpty, let color = try? AccentColor(validating: value) else { return "" }
        return color.hex
    }

    static func encodeImages(_ images: ImageSettings) -> [String: String] {
        [
            "image_max_bytes": String(images.maxBytes), "logo_image": images.logoImageID.map(String.init) ?? "",
            "icon_image": images.iconImageID.map(String.init) ?? "",
            "default_share_image": images.defaultShareImageID.map(String.init) ?? "",
        ]
    }

    /// A limit out of range is brought in; an id that is no number is no image.
    static func decodeImages(_ values: [String: String]) -> ImageSettings {
        let range = ImageSettings.maxBytesRange
        return ImageSettings(
            maxBytes: values["image_max_bytes"].flatMap { Int($0) }.map {
                min(max($0, range.lowerBound), range.upperBound)
            }
                ?? ImageSettings.defaultMaxBytes,
            logoImageID: values["logo_image"].flatMap { Int64($0) },
            iconImageID: values["icon_image"].flatMap { Int64($0) },
            defaultShareImageID: values["default_share_image"].flatMap { Int64($0) })
    }

    /// Comment settings; an unreadable value is the default, a number out of range is brought in.
    static func decodeComments(_ values: [String: String]) -> CommentSettings {
        let defaults = CommentSettings()
        let range = CommentSettings.maxLinksRange
        return CommentSettings(
            enabled: values["comments_enabled"].map { $0 == "true" } ?? defaults.enabled,
            holdFirstComment: values["comments_hold_first"].map { $0 == "true" } ?? defaults.holdFirstComment,
            maxLinks: values["comments_max_links"].flatMap { Int($0) }.map {
                min(max($0, range.lowerBound), range.upperBound)
            } ?? defaults.maxLinks)
    }

    /// Values out of range (edited by hand) are brought into range; an unreadable one is the default.
    static func decodeGate(_ values: [String: String]) -> GateSettings {
        let defaults = GateSettings()
        func number(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            values[key].flatMap { Int($0) }.map { min(max($0, range.lowerBound), range.upperBound) }
        }
        return GateSettings(
            archiveAfterDays: values["archive_after_days"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }.map {
                min($0, GateSettings.archiveAfterDaysRange.upperBound)
            },
            previewBlocks: number("preview_blocks", GateSettings.previewBlocksRange) ?? defaults.previewBlocks,
            overlayEnabled: values["overlay_enabled"].map { $0 == "true" } ?? defaults.overlayEnabled,
            overlayScrollPercent: number("overlay_scroll_percent", GateSettings.overlayScrollPercentRange)
                ?? defaults.overlayScrollPercent,
            overlayDismissDays: number("overlay_dismiss_days", GateSettings.overlayDismissDaysRange)
                ?? defaults.overlayDismissDays)
    }

    /// The links as a JSON array of `{"label":..., "url":...}`: a label may hold any character.
    static func encodeNavigation(_ links: [NavigationLink]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(links) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A value that does not decode (edited by hand) shows no links rather than failing every page.
    static func decodeNavigation(_ text: String) -> [NavigationLink] {
        (try? JSONDecoder().decode([NavigationLink].self, from: Data(text.utf8))) ?? []
    }
}
