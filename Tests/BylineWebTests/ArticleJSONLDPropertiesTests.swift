import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The article's JSON-LD uses only properties schema.org defines for its types, so nothing
/// made up creeps in (search engines ignore or flag unknown ones). The lists are schema.org's
/// own, for the properties Byline uses or may use: `NewsArticle` inherits from `Article`,
/// `CreativeWork` and `Thing`.
@Suite struct ArticleJSONLDPropertiesTests {
    /// schema.org properties of NewsArticle and its parents that a news article page may carry.
    static let newsArticle: Set<String> = [
        "@context", "@type",
        // NewsArticle
        "dateline", "printColumn", "printEdition", "printPage", "printSection",
        // Article
        "articleBody", "articleSection", "backstory", "pageEnd", "pageStart", "pagination", "speakable",
        "wordCount",
        // CreativeWork (those a news page can use)
        "about", "abstract", "accessMode", "author", "citation", "comment", "commentCount", "contentLocation",
        "copyrightHolder", "copyrightYear", "creator", "dateCreated", "dateModified", "datePublished", "editor",
        "headline", "inLanguage", "isAccessibleForFree", "isPartOf", "hasPart", "keywords", "mainEntity", "mentions",
        "publisher", "thumbnailUrl", "timeRequired", "video", "audio", "associatedMedia",
        // Thing
        "alternateName", "description", "identifier", "image", "mainEntityOfPage", "name", "sameAs", "url",
    ]
    static let person: Set<String> = ["@type", "name", "url", "image", "sameAs", "description", "jobTitle"]
    static let organization: Set<String> = ["@type", "name", "url", "logo", "sameAs"]
    static let webPageElement: Set<String> = ["@type", "isAccessibleForFree", "cssSelector", "xpath"]

    static func jsonLD(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let data = Data(html[start.upperBound..<end.lowerBound].utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyPropertyIsOneSchemaOrgDefines() async throws {
        let site = try await TestSite.open(.sqlite)
        let published = site.clock.now().addingTimeInterval(-3600)
        for (title, visibility) in [("Open story", Visibility.public), ("Members story", .members)] {
            _ = try await site.store.upsertPost(
                matchingTitle: PostInput(
                    title: title, authorName: "Mara Ellison", markdown: "One.\n\nTwo.\n\nThree.\n\nFour.",
                    tagNames: ["Energy"], publishedAt: published, visibility: visibility))
        }
        try await site.serve { client in
            for path in ["/open-story/", "/members-story/"] {
                let ld = try Self.jsonLD(try await client.get(path).text)
                #expect(ld["@type"] as? String == "NewsArticle")
                let unknown = Set(ld.keys).subtracting(Self.newsArticle)
                #expect(unknown.isEmpty, "\(path): \(unknown.sorted())")
                for author in ld["author"] as? [[String: Any]] ?? [] {
                    #expect(Set(author.keys).isSubset(of: Self.person), "\(author.keys)")
                }
                let publisher = try #require(ld["publisher"] as? [String: Any])
                #expect(Set(publisher.keys).isSubset(of: Self.organization))
                // The publisher is the site: its name and its home page on the public origin.
                #expect(publisher["url"] as? String == "https://news.example/", "\(publisher)")
                for part in ld["hasPart"] as? [[String: Any]] ?? [] {
                    #expect(Set(part.keys).isSubset(of: Self.webPageElement))
                }
                // The properties Google needs for an article are there.
                for required in ["headline", "datePublished", "dateModified", "author", "publisher"] {
                    #expect(ld[required] != nil, "\(path) lacks \(required)")
                }
            }
            #expect(try Self.jsonLD(try await client.get("/members-story/").text)["hasPart"] != nil)
        }
    }
}
