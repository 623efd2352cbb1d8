import BylineCore

/// The site-wide part of every template's context: masthead, navigation, footer.
struct SiteView {
    struct Site {
        let title: String
        let description: String
        let footerNote: String?
        let language: String
    }

    let settings: SiteSettings
    let navTags: [Tag]
    let stylesheet: String
    let year: String
    let dates: DateText

    init(settings: SiteSettings, navTags: [Tag], stylesheet: String, year: String) {
        self.settings = settings
        self.navTags = navTags
        self.stylesheet = stylesheet
        self.year = year
        self.dates = DateText(timeZone: settings.timeZone)
    }

    /// The full context for a template: the site parts, the page's meta and its own fields.
    func context(meta: PageMeta, currentTagSlug: String? = nil, _ fields: [String: Any]) -> [String: Any] {
        var context = fields
        context["site"] = Site(
            title: settings.title, description: settings.description,
            footerNote: settings.footerNote.isEmpty ? nil : settings.footerNote, language: settings.language)
        context["nav"] = navTags.map { LinkView(tag: $0, current: $0.slug == currentTagSlug) }
        context["page"] = meta
        context["stylesheet"] = stylesheet
        context["year"] = year
        return context
    }
}
