import BylineCore
import Foundation

/// schema.org `NewsArticle` metadata for search engines, embedded in a script tag.
struct ArticleJSONLD: Encodable {
    struct Person: Encodable {
        let type = "Person"
        let name: String
        let url: String
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url
        }
    }

    struct Organization: Encodable {
        let type = "Organization"
        let name: String
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name
        }
    }

    let context = "https://schema.org"
    let type = "NewsArticle"
    let headline: String
    let description: String
    let datePublished: String
    let dateModified: String
    let author: [Person]
    let publisher: Organization
    let mainEntityOfPage: String
    let articleSection: String?
    let keywords: [String]
    /// The feature image's absolute URL, when the post has one.
    var image: String? = nil

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type = "@type"
        case headline, description, datePublished, dateModified, author, publisher, mainEntityOfPage
        case articleSection, keywords, image
    }

    /// JSON safe inside `<script>`: `<` is escaped so text cannot close the element.
    func scriptText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
