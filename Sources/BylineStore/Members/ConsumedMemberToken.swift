import BylineCore

/// An emailed link that was just used: who it was for, and for an email change, where to.
public struct ConsumedMemberToken: Sendable, Equatable {
    public var member: Member
    /// The address a ``MemberTokenPurpose/changeEmail`` link moves the member to.
    public var newEmail: String?

    public init(member: Member, newEmail: String?) {
        self.member = member
        self.newEmail = newEmail
    }
}
