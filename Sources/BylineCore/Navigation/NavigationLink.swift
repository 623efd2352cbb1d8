/// One entry of the public site's header navigation, chosen in the newsroom's settings: what it
/// says and where it leads. When a site has none, the header lists its most used tags instead.
public struct NavigationLink: Sendable, Equatable, Codable {
    /// The text shown, e.g. "World".
    public var label: String
    /// A path on this site (`/tag/world/`) or an `http(s)://` address elsewhere.
    public var url: String

    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}
