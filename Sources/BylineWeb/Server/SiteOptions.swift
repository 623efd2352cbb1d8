/// How a site is served: what the server needs beyond the store and the theme.
public struct SiteOptions: Sendable {
    /// The public origin used for canonical links and feeds, e.g. "https://news.example"; no trailing slash.
    public var publicURL: String
    /// Tags shown in the masthead navigation.
    public var navigationTagLimit: Int

    public init(publicURL: String, navigationTagLimit: Int = 6) {
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
        self.navigationTagLimit = navigationTagLimit
    }
}
