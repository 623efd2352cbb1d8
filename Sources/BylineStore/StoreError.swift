import Foundation

/// Failures the store reports in words a user can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case invalidInput(String)
    case notFound(String)
    case slugTaken(String)
    /// A copy would overwrite existing content.
    case notEmpty(String)
    /// The row changed since the writer loaded it (it carries the stored `updated_at`): saving
    /// would overwrite someone else's work.
    case conflict(currentUpdatedAt: Date)
    /// Another staff user, or another member, has this address.
    case emailTaken(String)

    public var description: String {
        switch self {
        case .invalidInput(let reason): "invalid input: \(reason)"
        case .notFound(let what): "not found: \(what)"
        case .slugTaken(let slug): "the slug \"\(slug)\" is already in use"
        case .notEmpty(let what): "\(what) already has content"
        case .conflict: "someone else saved this since you loaded it; reload to see their changes"
        case .emailTaken(let email): "an account with the email \(email) already exists"
        }
    }
}
