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
    /// Its size in pixels when known (0: unknown), and what it shows (`og:image:alt`).
    var imageWidth: Int = 0
    var imageHeight: Int = 0
    var imageAlt: String? = nil
    /// A tag's or author's own RSS feed, advertised beside the site's.
    var feedURL: String? = nil
    var feedTitle: String? = nil
}

extension PageMeta {
    /// The shared link's picture: an absolute URL with its size (0 when unknown).
    mutating func setImage(_ share: (url: String, width: Int, height: Int)?, alt: String) {
        guard let share else { return }
        image = share.url
        imageWidth = share.width
        imageHeight = share.height
        imageAlt = alt.isEmpty ? nil : alt
    }

    /// Whether the size is known, for `og:image:width` and `og:image:height`.
    var hasImageSize: Bool { imageWidth > 0 && imageHeight > 0 }
}
