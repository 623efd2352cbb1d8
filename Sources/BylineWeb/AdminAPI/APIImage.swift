import BylineCore

/// An uploaded image as the Admin API shows it: its id (what `feature_image` and the settings'
/// `logo_image` may name), the original's address, its size, and the variants with `srcset`s.
struct APIImage: Encodable {
    struct Variant: Encodable {
        let width: Int
        let height: Int
        let jpeg: String
        let webp: String
    }

    let id: Int64
    let fingerprint: String
    /// The original's address on this site (`/images/<fingerprint>/<name>.<ext>`).
    let url: String
    /// The same, with the site's public origin.
    let absoluteURL: String
    let width: Int
    let height: Int
    let srcset: String
    let webpSrcset: String
    let variants: [Variant]

    enum CodingKeys: String, CodingKey {
        case id, fingerprint, url, width, height, srcset, variants
        case absoluteURL = "absolute_url"
        case webpSrcset = "webp_srcset"
    }

    init(_ image: StoredImage, publicURL: String) {
        self.id = image.id
        self.fingerprint = image.fingerprint
        self.url = image.originalPath
        self.absoluteURL = publicURL + image.originalPath
        self.width = image.width
        self.height = image.height
        self.srcset = image.srcset(format: "jpg")
        self.webpSrcset = image.srcset(format: "webp")
        self.variants = image.variantWidths.map {
            Variant(
                width: $0, height: image.height(atWidth: $0), jpeg: image.variantPath(width: $0, format: "jpg"),
                webp: image.variantPath(width: $0, format: "webp"))
        }
    }
}
