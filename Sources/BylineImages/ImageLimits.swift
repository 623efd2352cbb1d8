/// What an upload may be. Checked before any pixel is decoded, so a decompression bomb (a small
/// file declaring an enormous image) is refused from its header alone.
public struct ImageLimits: Sendable, Equatable {
    /// The file size limit (a site setting).
    public var maxBytes: Int
    /// Width × height. 12-megapixel phone photos pass with room to spare; 100 MP decoded as
    /// RGBA is 400 MB of memory, which is the bound this protects.
    public var maxPixels: Int

    public static let defaultMaxBytes = 20 * 1_048_576

    public init(maxBytes: Int = Self.defaultMaxBytes, maxPixels: Int = 100_000_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
    }
}
