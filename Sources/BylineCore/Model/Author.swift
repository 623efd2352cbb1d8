import Foundation

/// A person credited on posts. Authors need not be staff users: imported bylines create authors.
public struct Author: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var slug: String
    public var bio: String
    /// The staff account this author signs in with, once staff users exist.
    public var userID: Int64?
    /// The author's picture (an uploaded image's id), nil for none.
    public var imageID: Int64?

    public init(id: Int64, name: String, slug: String, bio: String = "", userID: Int64? = nil, imageID: Int64? = nil) {
        self.id = id
        self.name = name
        self.slug = slug
        self.bio = bio
        self.userID = userID
        self.imageID = imageID
    }
}
