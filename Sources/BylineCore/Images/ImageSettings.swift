/// The site's image settings: how large an upload may be, and the site's own pictures (uploaded
/// images, by id; nil for none).
public struct ImageSettings: Sendable, Equatable {
    /// The largest upload accepted, in bytes (`image_max_bytes`).
    public var maxBytes: Int
    /// The masthead's logo (`logo_image`).
    public var logoImageID: Int64?
    /// The browser tab's icon (`icon_image`).
    public var iconImageID: Int64?
    /// What a shared link shows for a post without a feature image (`default_share_image`);
    /// nil: the logo.
    public var defaultShareImageID: Int64?

    public static let defaultMaxBytes = 20 * 1_048_576
    /// 1 MB to 100 MB: below that phone photos fail, above it one upload could hold gigabytes of
    /// memory while it is processed.
    public static let maxBytesRange = 1_048_576...(100 * 1_048_576)

    public init(
        maxBytes: Int = Self.defaultMaxBytes, logoImageID: Int64? = nil, iconImageID: Int64? = nil,
        defaultShareImageID: Int64? = nil
    ) {
        self.maxBytes = maxBytes
        self.logoImageID = logoImageID
        self.iconImageID = iconImageID
        self.defaultShareImageID = defaultShareImageID
    }

    /// The image a shared link shows when a post has none of its own.
    public var shareImageID: Int64? { defaultShareImageID ?? logoImageID }
}

extension SiteSettings {
    /// A copy with other image settings.
    public func with(images: ImageSettings) -> SiteSettings {
        var copy = self
        copy.images = images
        return copy
    }
}
