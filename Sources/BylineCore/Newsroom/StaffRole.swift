/// A staff member's role, with the meaning Ghost and WordPress give these words. Ordered from
/// least to most trusted.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// Writes drafts of their own; cannot publish.
    case contributor
    /// Writes and publishes their own posts.
    case author
    /// Manages everyone's posts, tags and authors.
    case editor
    /// An editor who also manages staff and site settings.
    case administrator
    /// The administrator who owns the site: only they can be neither demoted nor removed by others.
    case owner

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rank < rhs.rank }

    /// The name in the admin's words ("Administrator").
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
