import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HummingbirdTesting
import Testing

/// The editor's feature image reaches readers (the figure, Open Graph, Twitter card, JSON-LD),
/// and only addresses that are images on the web are kept.
@Suite struct FeatureImageTests {
    @Test(arguments: StoreKind.allCases) func featureImageShowsOnTheArticlePage(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serveWithServer { client, server in
            let newsroom = try #require(server.newsroom).newsroom
            let created = try await newsroom.createPost(
                PostDraft(
                    title: "Harbour at Dawn", markdown: "The boats come in.", authorID: editor.user.authorID,
                    featureImage: "/content/images/harbour.jpg", featureImageAlt: "Fishing boats \"at\" dawn"),
                by: editor.user)
            _ = try await newsroom.setPublication(
                postID: created.post.id, .publish(at: nil), expectedUpdatedAt: nil, by: editor.user)
            let html = try await client.get("/harbour-at-dawn/").text
            #expect(html.contains(#"<img src="/content/images/harbour.jpg" alt="Fishing boats &quot;at&quot; dawn""#))
            #expect(
                html.contains(#"<meta property="og:image" content="https://news.example/content/images/harbour.jpg">"#))
            #expect(html.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
            #expect(html.contains(#""image":"https://news.example/content/images/harbour.jpg""#))

            // Positive control: a post without one has the small card and no figure.
            let plain = try await newsroom.createPost(
                PostDraft(title: "No Picture", markdown: "Words.", authorID: editor.user.authorID), by: editor.user)
            _ = try await newsroom.setPublication(
                postID: plain.post.id, .publish(at: nil), expectedUpdatedAt: nil, by: editor.user)
            let plainHTML = try await client.get("/no-picture/").text
            #expect(plainHTML.contains(#"<meta name="twitter:card" content="summary">"#))
            #expect(!plainHTML.contains("post-feature-image"))

            await #expect(
                throws: NewsroomError.invalidField(
                    field: "feature_image", reason: "must be an http(s) address or a path on this site starting with /")
            ) {
                _ = try await newsroom.createPost(
                    PostDraft(
                        title: "Sneaky", markdown: "x", authorID: editor.user.authorID,
                        featureImage: "javascript:alert(1)"),
                    by: editor.user)
            }
        }
    }
}
