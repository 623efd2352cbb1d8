import BylineCore

/// A scoped feed's owner and newest posts, with their bodies.
public struct ScopedPosts: Sendable, Equatable {
    /// The tag's or author's name, for the feed's title.
    public var name: String
    /// The tag's description or the author's bio ("" when none).
    public var description: String
    /// What a change to the owner touches (``ChangeKey/tag(_:)`` or ``ChangeKey/author(_:)``).
    public var key: ChangeKey
    /// Newest first.
    public var posts: [Post]

    public init(name: String, description: String, key: ChangeKey, posts: [Post]) {
        self.name = name
        self.description = description
        self.key = key
        self.posts = posts
    }
}
