import BylineCore
import HTTPTypes

/// What the site answers with, before HTTP concerns (ETag, HEAD, compression) are applied.
enum RenderedPage: Sendable {
    /// A page, with the change keys it was built from: a change naming one of them makes it stale.
    case html(HTTPResponse.Status, String, dependencies: Set<ChangeKey>)
    /// The content lives elsewhere now (an old post slug): answer 301.
    case moved(to: String)
}
