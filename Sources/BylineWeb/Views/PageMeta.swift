/// Head metadata of one page: title, description, canonical URL, Open Graph and JSON-LD.
struct PageMeta {
    var title: String
    var ogTitle: String
    var description: String
    var canonical: String
    var ogType: String = "website"
    var publishedISO: String? = nil
    var jsonLD: String? = nil
    var noindex: Bool = false
    /// Absolute URL of the page's image for Open Graph and Twitter cards (a large card then).
    var image: String? = nil
    /// A tag's or author's own RSS feed, advertised beside the site's.
    var feedURL: String? = nil
    var feedTitle: String? = nil
}
