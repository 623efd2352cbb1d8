import BylineCore

/// One image as the `image` partial renders it: a `<picture>` with WebP and JPEG `srcset`s of
/// an uploaded image (``StoredImage``), its size for the aspect ratio (no layout shift), and
/// lazy loading unless it is the page's lead image (`eager`). An image from elsewhere (an
/// address typed before uploads existed) has only `src`.
struct ImageView {
    /// The JPEG about 960 px wide: what a browser without `srcset` shows.
    let src: String
    let jpegSrcset: String
    let webpSrcset: String
    /// How wide the image shows, for the browser to choose from the `srcset`s.
    let sizes: String
    /// The original's size; 0 when unknown (an image from elsewhere).
    let width: Int
    let height: Int
    let hasSize: Bool
    /// Whether there are `srcset`s (an uploaded image): Mustache takes even "" as true.
    let hasSrcset: Bool
    let alt: String
    let caption: String?
    let eager: Bool

    /// Where each kind of image shows, as `sizes` (the theme's column widths).
    enum Placement {
        case card, leadCard, article, authorPicture, logo

        var sizes: String {
            switch self {
            case .card: "(max-width: 40rem) 6rem, (max-width: 62rem) 50vw, 22rem"
            case .leadCard: "(max-width: 48rem) 100vw, 60rem"
            case .article: "(max-width: 44rem) 100vw, 43rem"
            case .authorPicture: "6rem"
            case .logo: "12rem"
            }
        }
    }

    init(_ image: StoredImage, alt: String, caption: String? = nil, placement: Placement, eager: Bool = false) {
        self.src = image.variantPath(width: image.variantWidth(closestTo: 960), format: "jpg")
        self.jpegSrcset = image.srcset(format: "jpg")
        self.webpSrcset = image.srcset(format: "webp")
        self.sizes = placement.sizes
        self.width = image.width
        self.height = image.height
        self.hasSize = true
        self.hasSrcset = true
        self.alt = alt
        self.caption = caption.flatMap { $0.isEmpty ? nil : $0 }
        self.eager = eager
    }

    /// An image at any other address: shown as it is, lazily unless eager.
    init(url: String, alt: String, caption: String? = nil, placement: Placement, eager: Bool = false) {
        self.src = url
        self.jpegSrcset = ""
        self.webpSrcset = ""
        self.sizes = placement.sizes
        self.width = 0
        self.height = 0
        self.hasSize = false
        self.hasSrcset = false
        self.alt = alt
        self.caption = caption.flatMap { $0.isEmpty ? nil : $0 }
        self.eager = eager
    }

    /// The view for a feature image address: an uploaded image's when `images` knows its
    /// fingerprint, else the address as it is; nil for no address.
    static func feature(
        _ url: String, alt: String, caption: String? = nil, images: [String: StoredImage], placement: Placement,
        eager: Bool = false
    ) -> ImageView? {
        guard !url.isEmpty else { return nil }
        if let fingerprint = ImagePath.fingerprint(inURL: url), let image = images[fingerprint] {
            return ImageView(image, alt: alt, caption: caption, placement: placement, eager: eager)
        }
        return ImageView(url: url, alt: alt, caption: caption, placement: placement, eager: eager)
    }
}
