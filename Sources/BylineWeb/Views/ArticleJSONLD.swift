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

    /// The publisher: the site by its name and home page, and its logo when it has one.
    struct Organization: Encodable {
        let type = "Organization"
        let name: String
        let url: String
        /// The logo's absolute URL (a JPEG about 600 px wide, as Google asks for).
        var logo: String? = nil
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url, logo
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
    /// False for a post behind the gate, with ``hasPart`` naming the gated section: how Google
    /// asks paywalled articles to be marked, so the gate is not taken for cloaking.
    var isAccessibleForFree: Bool = true
    var hasPart: [WebPageElement]? = nil

    /// A part of the page (schema.org `WebPageElement`) and whether it is free.
    struct WebPageElement: Encodable {
        let type = "WebPageElement"
        let isAccessibleForFree: Bool
        let cssSelector: String
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case isAccessibleForFree, cssSelector
        }

        /// The gate for readers it keeps out, the body past the preview for the others.
        static let gatedSection = WebPageElement(isAccessibleForFree: false, cssSelector: ".gated-content")
    }

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type = "@type"
        case headline, description, datePublished, dateModified, author, publisher, mainEntityOfPage
        case articleSection, keywords, image, isAccessibleForFree, hasPart
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
