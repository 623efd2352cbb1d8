/// Where a member is in double opt-in: only a confirmed member receives newsletters, so an
/// address someone else typed in gets nothing but the one confirmation email.
public enum MemberStatus: String, Sendable, Codable, CaseIterable {
    /// Signed up; the confirmation link has not been followed yet.
    case pending
    /// Followed the confirmation link (or a sign-in link, which proves the same).
    case confirmed
}
