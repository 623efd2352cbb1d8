import Foundation

/// The token of a one-click unsubscribe link: member id, newsletter id (0: every newsletter)
/// and their HMAC under the site's ``MemberLinkKey``. Signed, not stored: every newsletter email
/// carries one, and a row per recipient per send would be written for links almost nobody uses.
/// It does not expire: RFC 8058 links must keep working for as long as the email is kept.
struct UnsubscribeToken: Sendable, Equatable {
    let memberID: Int64
    /// nil: every newsletter.
    let newsletterID: Int64?

    /// `member.newsletter.signature`.
    func encoded(key: MemberLinkKey) -> String {
        let payload = "\(memberID).\(newsletterID ?? 0)"
        return payload + "." + key.signature(payload)
    }

    /// The token `text` names, when its signature is this site's.
    init?(_ text: String, key: MemberLinkKey) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let member = Int64(parts[0]), let newsletter = Int64(parts[1]), member > 0,
            newsletter >= 0,
            SecretToken.equal(String(parts[2]), key.signature("\(parts[0]).\(parts[1])"))
        else { return nil }
        self.init(memberID: member, newsletterID: newsletter == 0 ? nil : newsletter)
    }

    init(memberID: Int64, newsletterID: Int64?) {
        self.memberID = memberID
        self.newsletterID = newsletterID
    }
}
