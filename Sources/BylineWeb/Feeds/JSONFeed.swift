import Foundation

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
struct JSONFeed: Encodable {
    struct Author: Encodable {
        let name: String
        let url: String
    }

    struct Item: Encodable {
        let id: String
        let url: String
        let title: String
        let contentHTML: String
        let summary: String
        let datePublished: String
        let dateModified: String
        let authors: [Author]
        let tags: [String]

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, authors, tags
            case contentHTML = "content_html"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    let version = "https://jsonfeed.org/version/1.1"
    let title: String
    let homePageURL: String
    let feedURL: String
    let description: String
    let language: String
    let items: [Item]

    enum CodingKeys: String, CodingKey {
        case version, title, description, language, items
        case homePageURL = "home_page_url"
        case feedURL = "feed_url"
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
