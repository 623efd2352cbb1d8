import Foundation

/// Site-wide settings editors change rarely; read on every page.
public struct SiteSettings: Sendable, Equatable {
    public var title: String
    public var description: String
    /// IANA name, e.g. "Europe/London"; used for displayed dates, archive months and scheduling.
    public var timeZoneIdentifier: String
    /// A line in every page's footer, e.g. who publishes the site.
    public var footerNote: String
    public var language: String
    public var postsPerPage: Int
    /// The header's links, in order; empty shows the most used tags instead.
    public var navigation: [NavigationLink]
    /// The subscriber gate: archive rule, preview length, overlay.
    public var gate: GateSettings
    /// Comments under articles: on/off, first comment held, links per comment.
    public var comments: CommentSettings
    /// `#rrggbb` in place of the theme's accent colour (checked by ``AccentColor``); empty: the theme's own.
    public var accentColor: String = ""
    /// The demo's notice on the demo's own articles.
    public var demoNote = DemoNote()
    /// Uploads' size limit, the logo, the icon, the default sharing image.
    public var images: ImageSettings = ImageSettings()

    public init(
        title: String = "Byline", description: String = "News, published with Byline.",
        timeZoneIdentifier: String = "UTC", footerNote: String = "", language: String = "en",
        postsPerPage: Int = 10, navigation: [NavigationLink] = [], gate: GateSettings = GateSettings(),
        comments: CommentSettings = CommentSettings()
    ) {
        self.title = title
        self.description = description
        self.timeZoneIdentifier = timeZoneIdentifier
        self.footerNote = footerNote
        self.language = language
        self.postsPerPage = postsPerPage
        self.navigation = navigation
        self.gate = gate
        self.comments = comments
    }

    /// The configured zone, falling back to UTC when the name is unknown.
    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
    }
}
