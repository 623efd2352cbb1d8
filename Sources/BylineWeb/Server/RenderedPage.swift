import HTTPTypes

/// What the site answers with, before HTTP concerns (ETag, HEAD) are applied.
enum RenderedPage: Sendable {
    case html(HTTPResponse.Status, String)
    /// The content lives elsewhere now (an old post slug): answer 301.
    case moved(to: String)
}
