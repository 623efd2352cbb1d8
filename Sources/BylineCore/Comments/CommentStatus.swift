/// Where a comment stands with moderation.
public enum CommentStatus: String, Sendable, CaseIterable, Codable {
    /// Shown under the article and counted.
    case published
    /// Waiting for a moderator (a member's first comment, when the site holds it).
    case pending
    /// Taken down by a moderator: kept for the record, shown to nobody.
    case hidden
}
