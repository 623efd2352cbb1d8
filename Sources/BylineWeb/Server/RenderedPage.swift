import BylineCore
import Foundation
import HTTPTypes

/// What the site answers with, before HTTP concerns (ETag, HEAD, compression) are applied.
enum RenderedPage: Sendable {
    /// A document (HTML page, feed, sitemap) with the change keys it was built from: a change
    /// naming one of them makes it stale. `validUntil`: it goes stale by the clock alone then
    /// (a post shown in full that the gate's archive rule catches); nil: only by a change.
    case document(
        HTTPResponse.Status, String, contentType: String, dependencies: Set<ChangeKey>, validUntil: Date? = nil)
    /// The content lives elsewhere now (an old post slug): answer 301.
    case moved(to: String)

    static func html(
        _ status: HTTPResponse.Status, _ html: String, dependencies: Set<ChangeKey>, validUntil: Date? = nil
    ) -> RenderedPage {
        .document(status, html, contentType: PageResponse.htmlType, dependencies: dependencies, validUntil: validUntil)
    }
}
