/// A section or topic that groups posts (`/tag/<slug>/`).
public struct Tag: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var slug: String
    public var description: String

    public init(id: Int64, name: String, slug: String, description: String = "") {
        self.id = id
        self.name = name
        self.slug = slug
        self.description = description
    }
}

/// A tag with the number of public posts in it, for navigation and archives.
public struct TagCount: Sendable, Equatable {
    public var tag: Tag
    public var postCount: Int

    public init(tag: Tag, postCount: Int) {
        self.tag = tag
        self.postCount = postCount
    }
}
