import BylineCore
import CVips
import Foundation

/// Turns an uploaded image into the variants pages serve, with libvips: checked against
/// ``ImageLimits`` from its header, decoded once (shrink-on-load to the largest width needed),
/// turned upright, converted to sRGB, then written at each width as JPEG and WebP with every
/// piece of metadata (EXIF, GPS, camera, XMP) dropped.
public struct ImageProcessor: Sendable {
    /// The widths `srcset` offers; an image narrower than one gets its own width instead.
    public static let standardWidths = ImageWidths.standard

    public var limits: ImageLimits
    public var widths: [Int]
    public var jpegQuality: Int
    public var webpQuality: Int

    public init(
        limits: ImageLimits = ImageLimits(), widths: [Int] = Self.standardWidths, jpegQuality: Int = 82,
        webpQuality: Int = 78
    ) {
        self.limits = limits
        self.widths = widths.sorted()
        self.jpegQuality = jpegQuality
        self.webpQuality = webpQuality
    }

    /// The format and upright size, from the header alone; throws what ``process(_:)`` would
    /// throw for the size, format and pixel limits.
    public func inspect(_ data: [UInt8]) throws -> (format: ImageFormat, width: Int, height: Int) {
        try LibVips.start()
        if data.isEmpty { throw ImageError.empty }
        if data.count > limits.maxBytes { throw ImageError.tooLarge(bytes: data.count, limit: limits.maxBytes) }
        let loader = data.withUnsafeBytes { raw in vips_foreign_find_load_buffer(raw.baseAddress, raw.count) }
        guard let loader, let format = ImageFormat(loader: String(cString: loader)) else {
            LibVips.clearError()
            throw ImageError.notAnImage
        }
        guard let header = data.withUnsafeBytes({ raw in byline_vips_header(raw.baseAddress, raw.count) }) else {
            throw ImageError.damaged(LibVips.takeError())
        }
        defer { byline_vips_unref(header) }
        var width = Int(vips_image_get_width(header))
        var height = Int(vips_image_get_height(header))
        // A GIF's header height counts every frame; only the first is used.
        if format == .gif, let pages = LibVips.intField(header, "n-pages"), pages > 1 { height /= pages }
        if width <= 0 || height <= 0 { throw ImageError.damaged("no size") }
        if width * height > limits.maxPixels {
            throw ImageError.tooManyPixels(width: width, height: height, limit: limits.maxPixels)
        }
        if let orientation = LibVips.intField(header, "orientation"), (5...8).contains(orientation) {
            swap(&width, &height)
        }
        return (format, width, height)
    }

    /// The names of the metadata fields a file carries (libvips' names: `exif-ifd0-Make`,
    /// `exif-ifd3-GPSLatitude`, `xmp-data`, ...), from its header: what the variants drop.
    public func metadataFields(of data: [UInt8]) throws -> [String] {
        _ = try inspect(data)
        guard let header = data.withUnsafeBytes({ raw in byline_vips_header(raw.baseAddress, raw.count) }) else {
            throw ImageError.damaged(LibVips.takeError())
        }
        defer { byline_vips_unref(header) }
        guard let fields = vips_image_get_fields(header) else { return [] }
        defer { g_strfreev(fields) }
        var names: [String] = []
        var index = 0
        while let name = fields[index] {
            names.append(String(cString: name))
            index += 1
        }
        return names
    }

    public func process(_ data: [UInt8]) throws -> ProcessedImage {
        let (format, width, height) = try inspect(data)
        let targets = Self.targetWidths(original: width, offered: widths)
        // One decode, at the largest width a variant needs.
        var decoded: UnsafeMutablePointer<VipsImage>?
        let status = data.withUnsafeBytes { raw in
            byline_vips_thumbnail(raw.baseAddress, raw.count, Int32(targets.last!), &decoded)
        }
        guard status == 0, let decoded else { throw ImageError.damaged(LibVips.takeError()) }
        defer { byline_vips_unref(decoded) }
        var bare: UnsafeMutablePointer<VipsImage>?
        guard byline_vips_without_metadata(decoded, &bare) == 0, let bare else {
            throw ImageError.processing(LibVips.takeError())
        }
        defer { byline_vips_unref(bare) }
        guard let largest = byline_vips_in_memory(bare) else { throw ImageError.damaged(LibVips.takeError()) }
        defer { byline_vips_unref(largest) }
        let uprightWidth = Int(vips_image_get_width(largest))
        var variants: [ImageVariant] = []
        for target in targets {
            var sized: UnsafeMutablePointer<VipsImage>? = largest
            if target < uprightWidth {
                var smaller: UnsafeMutablePointer<VipsImage>?
                guard byline_vips_thumbnail_image(largest, Int32(target), &smaller) == 0 else {
                    throw ImageError.processing(LibVips.takeError())
                }
                sized = smaller
            } else {
                g_object_ref(largest)
            }
            defer { byline_vips_unref(sized) }
            variants.append(try encode(sized!, as: .jpeg))
            variants.append(try encode(sized!, as: .webp))
        }
        return ProcessedImage(format: format, width: width, height: height, variants: variants)
    }

    /// The widths to make (``ImageWidths/variants(originalWidth:offered:)``).
    static func targetWidths(original: Int, offered: [Int]) -> [Int] {
        ImageWidths.variants(originalWidth: original, offered: offered)
    }

    private func encode(_ image: UnsafeMutablePointer<VipsImage>, as format: ImageFormat) throws -> ImageVariant {
        var source = image
        var flattened: UnsafeMutablePointer<VipsImage>?
        if format == .jpeg, vips_image_hasalpha(image) != 0 {
            guard byline_vips_flatten_white(image, &flattened) == 0, let flattened else {
                throw ImageError.processing(LibVips.takeError())
            }
            source = flattened
        }
        defer { byline_vips_unref(flattened) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status =
            format == .jpeg
            ? byline_vips_jpeg(source, Int32(jpegQuality), &buffer, &length)
            : byline_vips_webp(source, Int32(webpQuality), &buffer, &length)
        guard status == 0, let buffer else { throw ImageError.processing(LibVips.takeError()) }
        defer { g_free(buffer) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        return ImageVariant(
            width: Int(vips_image_get_width(source)), height: Int(vips_image_get_height(source)), format: format,
            bytes: bytes)
    }
}
