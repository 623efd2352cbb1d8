import Foundation

/// One newsletter of the site (e.g. a daily briefing, breaking news): members choose which they
/// receive, and a post is sent by email to one of them.
public struct Newsletter: Sendable, Equatable, Codable {
    public var id: Int64
    /// Names the newsletter in URLs and forms (`/members/...?newsletter=daily-briefing`).
    public var slug: String
    public var name: String
    /// One or two sentences shown next to the choice on signup and preference pages.
    public var description: String
    /// Lower first: the order in which forms offer the newsletters.
    public var sortOrder: Int
    /// An inactive newsletter is no longer offered and nothing new subscribes to it; its
    /// subscribers are kept, should it come back.
    public var active: Bool
    public var createdAt: Date

    public init(
        id: Int64, slug: String, name: String, description: String, sortOrder: Int, active: Bool, createdAt: Date
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.sortOrder = sortOrder
        self.active = active
        self.createdAt = createdAt
    }
}
