/// A member as comments concern them: whether they may comment and whether replies are mailed.
public struct Commenter: Sendable, Equatable {
    public var memberID: Int64
    public var name: String
    public var email: String
    /// A confirmed member; pending members cannot comment.
    public var confirmed: Bool
    public var banned: Bool
    /// Whether a reply to their comment is emailed to them.
    public var replyEmails: Bool
    /// Their address stopped taking mail (hard bounces).
    public var emailDisabled: Bool

    public init(
        memberID: Int64, name: String, email: String, confirmed: Bool, banned: Bool, replyEmails: Bool,
        emailDisabled: Bool
    ) {
        self.memberID = memberID
        self.name = name
        self.email = email
        self.confirmed = confirmed
        self.banned = banned
        self.replyEmails = replyEmails
        self.emailDisabled = emailDisabled
    }
}
