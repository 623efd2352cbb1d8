/// Why an upload is not taken, in words an editor can act on.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    /// The bytes are no image format Byline reads (a PDF, an SVG, a text file renamed .jpg...).
    case notAnImage
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The format was recognised but the file cannot be decoded: truncated or damaged.
    case damaged(String)
    /// libvips could not start or write: a server problem, not the file's.
    case processing(String)

    public var description: String {
        switch self {
        case .empty: "The file is empty."
        case .tooLarge(let bytes, let limit):
            "The file is \(Self.megabytes(bytes)); the limit is \(Self.megabytes(limit))."
        case .notAnImage: "The file is not a JPEG, PNG, WebP or GIF image."
        case .tooManyPixels(let width, let height, let limit):
            "The image is \(width) × \(height) pixels; at most \(limit / 1_000_000) megapixels are accepted."
        case .damaged(let detail): "The image cannot be read; it may be truncated or damaged (\(detail))."
        case .processing(let detail): "The image could not be processed (\(detail))."
        }
    }

    public static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value < 10 ? "\((value * 10).rounded() / 10) MB" : "\(Int(value.rounded())) MB"
    }
}
