import BylineCore

/// An author profile: inside a post, and in `GET /api/admin/authors`. `user_id` names the staff
/// account that signs in as this author (null for imported bylines).
struct APIAuthor: Encodable {
    let author: Author
    let publicURL: String

    init(_ author: Author, publicURL: String) {
        self.author = author
        self.publicURL = publicURL
    }

    enum CodingKeys: String, CodingKey {
        case id, name, slug, bio, url
        case userID = "user_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(author.id, forKey: .id)
        try container.encode(author.name, forKey: .name)
        try container.encode(author.slug, forKey: .slug)
        try container.encode(author.bio, forKey: .bio)
        try container.encode(author.userID, forKey: .userID)
        try container.encode(
            publicURL + SiteRoute.canonicalPath(.author(slug: author.slug, page: 1)), forKey: .url)
    }
}
