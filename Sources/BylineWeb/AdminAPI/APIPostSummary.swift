import BylineCore
import BylineStore
import Foundation

/// A line of `GET /api/admin/posts`: what a posts list shows, without the body (a page of 100
/// posts stays small); `GET /api/admin/posts/:id` gives the rest.
struct APIPostSummary: Encodable {
    let listing: PostListing
    let publicURL: String

    enum CodingKeys: String, CodingKey {
        case id, title, slug, status, visibility, author, tags, url
        case publishedAt = "published_at"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(listing.id, forKey: .id)
        try container.encode(listing.title, forKey: .title)
        try container.encode(listing.slug, forKey: .slug)
        try container.encode(listing.status, forKey: .status)
        try container.encode(listing.visibility, forKey: .visibility)
        try container.encode(listing.publishedAt, forKey: .publishedAt)
        try container.encode(listing.updatedAt, forKey: .updatedAt)
        try container.encode(APIAuthor(listing.author, publicURL: publicURL), forKey: .author)
        try container.encode(listing.tags.map { APITag($0, publicURL: publicURL) }, forKey: .tags)
        try container.encode(publicURL + SiteRoute.canonicalPath(.post(slug: listing.slug)), forKey: .url)
    }
}
