import BylineCore

/// A tag: inside a post, and in `GET /api/admin/tags` with the count of its published posts.
struct APITag: Encodable {
    let tag: Tag
    /// Only the tags list counts posts; a post's own tags leave it out.
    let postCount: Int?
    let publicURL: String

    init(_ tag: Tag, postCount: Int? = nil, publicURL: String) {
        self.tag = tag
        self.postCount = postCount
        self.publicURL = publicURL
    }

    enum CodingKeys: String, CodingKey {
        case id, name, slug, description, url
        case postCount = "post_count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tag.id, forKey: .id)
        try container.encode(tag.name, forKey: .name)
        try container.encode(tag.slug, forKey: .slug)
        try container.encode(tag.description, forKey: .description)
        try container.encode(publicURL + SiteRoute.canonicalPath(.tag(slug: tag.slug, page: 1)), forKey: .url)
        try container.encodeIfPresent(postCount, forKey: .postCount)
    }
}
