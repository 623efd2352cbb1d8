import BylineCore
import Foundation

/// A browser a member signed in with (by emailed link): the stored half of the member cookie.
/// The cookie holds a random token; the store keeps only its SHA-256.
public struct MemberSession: Sendable, Equatable {
    public var tokenHash: String
    public var member: Member
    /// Sent back with every member form and checked on every state-changing request.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, member: Member, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.member = member
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
