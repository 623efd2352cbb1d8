/// Whose posts a narrower feed lists: one tag's (`/tag/<slug>/rss/`) or one author's.
public enum FeedScope: Sendable, Hashable {
    case tag(slug: String)
    case author(slug: String)
}
