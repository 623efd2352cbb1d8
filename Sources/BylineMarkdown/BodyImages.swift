import BylineCore

/// Rewrites the `<img>` tags cmark renders for a body's images: an image stored on this site
/// (``ImagePath``) becomes a `<picture>` with WebP and JPEG `srcset`, its width and height (no
/// layout shift while it loads) and lazy loading; any other image gets lazy loading only.
/// Bodies sit below the headline and the lead image, so none of their images is loaded eagerly.
enum BodyImages {
    /// The column a body image fills: the full width of a phone, at most the 48rem text column.
    static let sizes = "(max-width: 48rem) 100vw, 48rem"

    static func rewrite(_ html: String, images: [String: StoredImage]) -> String {
        guard html.contains("<img ") else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + 512)
        var rest = Substring(html)
        while let start = rest.range(of: "<img ") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: " />") else {
                rest = rest[start.lowerBound...]
                break
            }
            let tag = rest[start.lowerBound..<end.upperBound]
            output += replacement(for: tag, images: images) ?? String(tag)
            rest = rest[end.upperBound...]
        }
        output += rest
        return output
    }

    /// cmark writes `<img src="..." alt="..." />` or with ` title="..."` after `alt`; its values
    /// are escaped already and are copied as they are.
    static func replacement(for tag: Substring, images: [String: StoredImage]) -> String? {
        guard let src = attribute("src", in: tag), let alt = attribute("alt", in: tag) else { return nil }
        let title = attribute("title", in: tag).map { " title=\"\($0)\"" } ?? ""
        guard src.hasPrefix(ImagePath.prefix), let path = ImagePath.parse(String(src)),
            let image = images[path.fingerprint]
        else {
            return "<img src=\"\(src)\" alt=\"\(alt)\"\(title) loading=\"lazy\" decoding=\"async\">"
        }
        let fallback = image.variantPath(width: image.variantWidth(closestTo: 960), format: "jpg")
        return "<picture><source type=\"image/webp\" srcset=\"\(image.srcset(format: "webp"))\" sizes=\"\(sizes)\">"
            + "<img src=\"\(fallback)\" srcset=\"\(image.srcset(format: "jpg"))\" sizes=\"\(sizes)\" "
            + "width=\"\(image.width)\" height=\"\(image.height)\" alt=\"\(alt)\"\(title) loading=\"lazy\" "
            + "decoding=\"async\"></picture>"
    }

    /// The value of ` name="..."` in a tag cmark wrote (values never hold a raw `"`).
    static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return value[..<end]
    }
}
