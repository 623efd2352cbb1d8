import Foundation

/// The token of the link in a reply email that stops reply emails: the member id and its HMAC
/// under the site's ``MemberLinkKey``, signed over a payload of its own kind (`comment-replies.`)
/// so no newsletter unsubscribe token works here or the other way round. Signed, not stored,
/// and it does not expire, like ``UnsubscribeToken``.
struct CommentReplyToken: Sendable, Equatable {
    static let path = "/members/comment-replies/off"
    let memberID: Int64

    init(memberID: Int64) {
        self.memberID = memberID
    }

    /// `member.signature`.
    func encoded(key: MemberLinkKey) -> String {
        "\(memberID)." + key.signature(Self.payload(memberID))
    }

    /// The token `text` names, when its signature is this site's.
    init?(_ text: String, key: MemberLinkKey) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let member = Int64(parts[0]), member > 0,
            SecretToken.equal(String(parts[1]), key.signature(Self.payload(member)))
        else { return nil }
        self.init(memberID: member)
    }

    /// The full link for a member.
    static func url(origin: String, memberID: Int64, key: MemberLinkKey) -> String {
        origin + path + "?token=" + CommentReplyToken(memberID: memberID).encoded(key: key)
    }

    private static func payload(_ memberID: Int64) -> String { "comment-replies.\(memberID)" }
}
