import BylineCore

/// The site-wide part of every template's context: masthead, navigation, footer.
struct SiteView {
    struct Site {
        let title: String
        let description: String
        let footerNote: String?
        let language: String
        /// The `<style>` rules of the site's accent colour; nil: the theme's own.
        let accentCSS: String?
        /// The logo in the masthead (``ImageView``), and the icon's address for `<link rel="icon">`.
        var logo: ImageView? = nil
        var icon: String? = nil
    }

    let settings: SiteSettings
    let navTags: [Tag]
    let stylesheet: String
    let year: String
    let dates: DateText
    let audience: Audience
    /// The site's own images (logo, icon, sharing default), by id, from ``SiteChrome``.
    var siteImages: [Int64: StoredImage] = [:]

    init(settings: SiteSettings, navTags: [Tag], stylesheet: String, year: String, audience: Audience = .anonymous) {
        self.settings = settings
        self.navTags = navTags
        self.stylesheet = stylesheet
        self.year = year
        self.dates = DateText(timeZone: settings.timeZone)
        self.audience = audience
    }

    /// The full context for a template: the site parts, the page's meta and its own fields.
    func context(meta: PageMeta, currentTagSlug: String? = nil, _ fields: [String: Any]) -> [String: Any] {
        var context = fields
        var site = Site(
            title: settings.title, description: settings.description,
            footerNote: settings.footerNote.isEmpty ? nil : settings.footerNote, language: settings.language,
            accentCSS: settings.accentColor.isEmpty ? nil : (try? AccentColor(validating: settings.accentColor))?.css)
        // The masthead prints the title beside the logo (hidden from sight): the logo's alt is empty.
        site.logo = logoImage.map { ImageView($0, alt: "", placement: .logo, eager: true) }
        site.icon = settings.images.iconImageID.flatMap { siteImages[$0] }.map {
            $0.variantPath(width: $0.variantWidth(closestTo: 320), format: "jpg")
        }
        context["site"] = site
        context["nav"] = navigation(currentTagSlug: currentTagSlug)
        context["page"] = meta
        context["stylesheet"] = stylesheet
        context["year"] = year
        context["reader"] = ReaderView(isMember: audience == .member, isStaff: audience == .staff)
        return context
    }

    /// The header's links: the ones set in the settings, in their order, or else the most used
    /// tags. A link to the tag page being shown is marked current either way.
    func navigation(currentTagSlug: String?) -> [LinkView] {
        guard !settings.navigation.isEmpty else {
            return navTags.map { LinkView(tag: $0, current: $0.slug == currentTagSlug) }
        }
        let currentPath = currentTagSlug.map { SiteRoute.canonicalPath(.tag(slug: $0, page: 1)) }
        return settings.navigation.map { LinkView(name: $0.label, url: $0.url, current: $0.url == currentPath) }
    }
}

extension SiteView {
    /// The logo, when one is set and stored.
    var logoImage: StoredImage? { settings.images.logoImageID.flatMap { siteImages[$0] } }

    /// What a shared link shows when its page has no picture of its own: the default sharing
    /// image, else the logo.
    var shareImage: StoredImage? {
        settings.images.defaultShareImageID.flatMap { siteImages[$0] } ?? logoImage
    }
}
