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
    }

    let settings: SiteSettings
    let navTags: [Tag]
    let stylesheet: String
    let year: String
    let dates: DateText
    let audience: Audience

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
        context["site"] = Site(
            title: settings.title, description: settings.description,
            footerNote: settings.footerNote.isEmpty ? nil : settings.footerNote, language: settings.language,
            accentCSS: settings.accentColor.isEmpty ? nil : (try? AccentColor(validating: settings.accentColor))?.css)
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
