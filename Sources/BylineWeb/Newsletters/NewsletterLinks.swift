import Foundation

/// The signed links of a newsletter email: its one-click unsubscribe (RFC 8058), for the body
/// and the `List-Unsubscribe` header. Signed with the site's ``MemberLinkKey``, not stored.
public struct NewsletterLinks: Sendable {
    let key: MemberLinkKey

    public init(key: MemberLinkKey) {
        self.key = key
    }

    /// Ends the member's subscription to `newsletterID` (nil: to every newsletter), on the site
    /// at `origin` (e.g. `https://news.example`).
    public func unsubscribeURL(origin: String, memberID: Int64, newsletterID: Int64?) -> String {
        let origin = origin.hasSuffix("/") ? String(origin.dropLast()) : origin
        let token = UnsubscribeToken(memberID: memberID, newsletterID: newsletterID).encoded(key: key)
        return "\(origin)/members/unsubscribe?token=\(token)"
    }

    /// The composer's way to make the links.
    public var composerLinks: @Sendable (String, Int64, Int64) -> String {
        { origin, member, newsletter in unsubscribeURL(origin: origin, memberID: member, newsletterID: newsletter) }
    }
}
