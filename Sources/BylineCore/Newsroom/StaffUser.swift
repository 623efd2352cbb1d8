import Foundation

/// A person who signs in to the newsroom. Each has an author profile (``Author``) that their
/// posts are credited to.
public struct StaffUser: Sendable, Equatable, Codable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: StaffRole
    /// A suspended user cannot sign in; their posts stay.
    public var suspended: Bool
    /// The author row their posts are credited to.
    public var authorID: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, email: String, name: String, role: StaffRole, suspended: Bool = false, authorID: Int64,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.suspended = suspended
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
