/// The image formats Byline accepts in uploads, by what the bytes are (never by the file name).
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case jpeg, png, webp, gif

    /// From the class name of the libvips loader that recognised the bytes (the same names
    /// the shim leaves unblocked).
    init?(loader: String) {
        switch loader {
        case "VipsForeignLoadJpegBuffer": self = .jpeg
        case "VipsForeignLoadPngBuffer": self = .png
        case "VipsForeignLoadWebpBuffer": self = .webp
        case "VipsForeignLoadNsgifBuffer": self = .gif
        default: return nil
        }
    }

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .gif: "gif"
        }
    }
}
