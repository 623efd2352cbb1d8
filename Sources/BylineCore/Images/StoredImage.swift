/// An uploaded image as pages refer to it: immutable once stored, found by its fingerprint (a
/// prefix of the SHA-256 of the original's bytes), served under addresses that never change
/// meaning (``ImagePath``), so they can be cached for a year.
public struct StoredImage: Sendable, Equatable, Hashable {
    public var id: Int64
    /// Lowercase hex; the same bytes uploaded twice give the same image.
    public var fingerprint: String
    /// The file name part of its addresses: the uploaded name as a slug (``ImagePath/fileName(_:)``).
    public var name: String
    /// The original's file extension as served: `jpg`, `png`, `webp` or `gif`.
    public var originalExtension: String
    /// The upright size of the original, in pixels.
    public var width: Int
    public var height: Int

    public init(
        id: Int64, fingerprint: String, name: String, originalExtension: String, width: Int, height: Int
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.name = name
        self.originalExtension = originalExtension
        self.width = width
        self.height = height
    }

    /// The widths of its variants, smallest first (``ImageWidths``).
    public var variantWidths: [Int] { ImageWidths.variants(originalWidth: width) }

    /// The original, as uploaded (metadata and all: editors' files; pages use the variants).
    public var originalPath: String { "/images/\(fingerprint)/\(name).\(originalExtension)" }

    /// A variant's address; `format` is `jpg` or `webp`.
    public func variantPath(width: Int, format: String) -> String {
        "/images/\(fingerprint)/\(name)-\(width).\(format)"
    }

    /// The height a variant of `width` has, rounded as the resizer rounds.
    public func height(atWidth variantWidth: Int) -> Int {
        guard width > 0 else { return height }
        return max(1, Int((Double(height) * Double(variantWidth) / Double(width)).rounded()))
    }

    /// The variant closest to `target` wide without being narrower when one is wide enough.
    public func variantWidth(closestTo target: Int) -> Int {
        let widths = variantWidths
        return widths.first { $0 >= target } ?? widths.last ?? width
    }

    /// `srcset` of every variant in `format` (`jpg` or `webp`), with `prefix` before each path
    /// (empty for site-relative addresses).
    public func srcset(format: String, prefix: String = "") -> String {
        variantWidths.map { "\(prefix)\(variantPath(width: $0, format: format)) \($0)w" }.joined(separator: ", ")
    }
}

extension StoredImage {
    /// Which file of this image a served path's stem and extension name: the original
    /// (`width` nil) or a variant; nil when there is no such file.
    public func file(stem: String, fileExtension: String) -> (width: Int?, format: String)? {
        if stem == name, fileExtension == originalExtension { return (nil, originalExtension) }
        guard fileExtension == "jpg" || fileExtension == "webp", stem.hasPrefix(name + "-"),
            let width = Int(stem.dropFirst(name.count + 1)), variantWidths.contains(width)
        else { return nil }
        return (width, fileExtension)
    }
}
