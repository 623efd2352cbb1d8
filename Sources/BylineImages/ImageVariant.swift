/// One resized, re-encoded copy of an upload, stripped of metadata.
public struct ImageVariant: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `.jpeg` or `.webp`.
    public var format: ImageFormat
    public var bytes: [UInt8]

    public init(width: Int, height: Int, format: ImageFormat, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.format = format
        self.bytes = bytes
    }
}

/// What ``ImageProcessor/process(_:)`` makes of an upload.
public struct ProcessedImage: Sendable {
    public var format: ImageFormat
    /// The upright size of the original (after its EXIF orientation).
    public var width: Int
    public var height: Int
    /// Smallest first, each width in JPEG then WebP.
    public var variants: [ImageVariant]
}
