import BylineCore
import Foundation

/// A signed-in browser: the stored half of the session cookie. The cookie holds a random token;
/// the store keeps only its SHA-256, so a copy of the database signs nobody in.
public struct StaffSession: Sendable, Equatable {
    public var tokenHash: String
    public var user: StaffUser
    /// Sent back with every form and checked on every state-changing request.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, user: StaffUser, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A staff API token as listed to its owner (the secret is shown once, at creation).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: Int64, userID: Int64, name: String, createdAt: Date, lastUsedAt: Date?) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
