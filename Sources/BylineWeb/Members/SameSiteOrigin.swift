import Foundation
import HTTPTypes
import Hummingbird

/// OWASP's "verifying origin with standard headers" for the member forms that carry no
/// session token (signup and sign-in requests come from cached anonymous pages that are the
/// same for everyone): a browser sends `Sec-Fetch-Site` or `Origin` with every cross-site POST,
/// and a foreign page cannot forge either. A request with neither (curl, old browsers) is let
/// through: it cannot ride on anybody's cookies, and the signup throttles still count it.
struct SameSiteOrigin: Sendable {
    /// The site's public origin (`https://news.example`).
    let publicURL: String
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let origin = HTTPField.Name("Origin")!

    func allows(_ request: Request) -> Bool {
        if let site = request.headers[Self.secFetchSite]?.lowercased() {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[Self.origin], origin != "null" else {
            return request.headers[Self.origin] == nil
        }
        guard let sent = Self.authority(of: origin) else { return false }
        if sent == Self.authority(of: publicURL) { return true }
        // Served under another name than the configured one (a test, a local preview): the
        // Host header the browser used is this site too.
        return sent == request.head.authority?.lowercased()
    }

    /// `host` or `host:port` of an origin or URL.
    private static func authority(of text: String) -> String? {
        guard let url = URL(string: text), let host = url.host?.lowercased() else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
