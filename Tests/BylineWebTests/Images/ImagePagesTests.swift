import BylineCore
import BylineImages
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Uploaded images on readers' pages: the article's lead picture and the cards with `srcset`,
/// sizes and loading as the first view needs them, body images as `<picture>`, and the picture
/// a shared link shows (`og:image`, JSON-LD).
@Suite struct ImagePagesTests {
    /// Uploads the demo's bridge picture and publishes a post with it; returns the image.
    static func publishPost(
        _ api: AdminAPIClient, title: String, image: JSONValue?, markdown: String = "A paragraph of the story."
    ) async throws -> Int64 {
        var fields: [String: Any] = ["title": title, "markdown": markdown]
        if let id = image?["id"]?.intValue {
            fields["feature_image"] = id
            fields["feature_image_alt"] = "A rebuilt arch bridge over a river"
            fields["feature_image_caption"] = "The bridge, drawn for the demo"
        }
        let created = try await api.call(.post, "/posts", json: AdminAPIClient.body(fields))
        #expect(created.code == 201, "\(created.message)")
        let id = try #require(created.first("posts")?["id"]?.intValue)
        let published = try await api.call(.post, "/posts/\(id)/publish")
        #expect(published.code == 200, "\(published.message)")
        return id
    }

    @Test(arguments: StoreKind.allCases) func articleAndHomeShowResponsiveImages(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let api = api.with(token: staff.owner.token)
            let upload = try await api.upload(try ImageFiles.demo(), filename: "Bridge.jpg")
            let image = try #require(upload.first("images"))
            let fingerprint = try #require(image["fingerprint"]?.stringValue)
            let base = "/images/\(fingerprint)/bridge"
            _ = try await Self.publishPost(api, title: "An older story", image: image)
            site.clock.advance(by: 60)
            _ = try await Self.publishPost(api, title: "The bridge reopens", image: image)
            guard case .found(let post) = try await site.store.publicPost(slug: "the-bridge-reopens") else {
                Issue.record("the post is not public")
                return
            }
            #expect(post.featureImage == base + ".jpg")

            let article = String(buffer: try await api.client.execute(uri: "/the-bridge-reopens/", method: .get).body)
            let srcset = [320, 640, 960, 1280, 1600].map { "\(base)-\($0).webp \($0)w" }.joined(separator: ", ")
            #expect(
                article.contains(
                    "<source type=\"image/webp\" srcset=\"\(srcset)\" sizes=\"(max-width: 44rem) 100vw, 43rem\">"))
            #expect(article.contains("<img src=\"\(base)-960.jpg\" srcset=\"\(base)-320.jpg 320w, "))
            #expect(
                article.contains(
                    "width=\"1600\" height=\"900\" alt=\"A rebuilt arch bridge over a river\" loading=\"eager\""))
            #expect(article.contains("<figcaption>The bridge, drawn for the demo</figcaption>"))
            // Shared links: a 1280 px JPEG by absolute address, its size and words.
            #expect(article.contains("<meta property=\"og:image\" content=\"https://news.example\(base)-1280.jpg\">"))
            #expect(article.contains("<meta property=\"og:image:width\" content=\"1280\">"))
            #expect(article.contains("<meta property=\"og:image:height\" content=\"720\">"))
            #expect(article.contains("<meta name=\"twitter:image\" content=\"https://news.example\(base)-1280.jpg\">"))
            #expect(article.contains("\"image\":\"https://news.example\(base)-1280.jpg\""))

            // Home: the lead card's picture loads first; every other card's waits.
            let home = String(buffer: try await api.client.execute(uri: "/", method: .get).body)
            let pictures = home.components(separatedBy: "<picture>").dropFirst()
            #expect(pictures.count == 2)
            #expect(pictures.first?.contains("sizes=\"(max-width: 48rem) 100vw, 60rem\"") == true)
            #expect(pictures.first?.contains("loading=\"eager\"") == true)
            #expect(
                pictures.last?.contains("sizes=\"(max-width: 40rem) 6rem, (max-width: 62rem) 50vw, 22rem\"") == true)
            #expect(pictures.last?.contains("loading=\"lazy\"") == true)
            #expect(!(pictures.last?.contains("eager") ?? true))
        }
    }

    @Test(arguments: StoreKind.allCases) func aFeatureImageNeedsItsAltText(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let api = api.with(token: staff.author.token)
            let image = try #require(try await api.upload(try ImageFiles.demo()).first("images"))
            let refused = try await api.call(
                .post, "/posts",
                json: AdminAPIClient.body(["title": "No words", "feature_image": image["url"]?.stringValue ?? ""]))
            #expect(refused.code == 422)
            #expect(refused.field == "feature_image_alt")
            let unknown = try await api.call(
                .post, "/posts",
                json: AdminAPIClient.body(["title": "Unknown", "feature_image": 9999, "feature_image_alt": "x"]))
            #expect(unknown.code == 422 && unknown.field == "feature_image")
        }
    }

    @Test(arguments: StoreKind.allCases) func bodyImagesRenderWithSizes(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let api = api.with(token: staff.owner.token)
            let image = try #require(try await api.upload(try ImageFiles.demo(), filename: "chart.jpg").first("images"))
            let url = try #require(image["url"]?.stringValue)
            _ = try await Self.publishPost(
                api, title: "Pictures in the body", image: nil,
                markdown:
                    "Before.\n\n![A chart of the detour](\(url))\n\n![Elsewhere](https://pictures.example/a.png)\n\nAfter."
            )
            let page = String(buffer: try await api.client.execute(uri: "/pictures-in-the-body/", method: .get).body)
            let base = String(url.dropLast(4))
            #expect(page.contains("<picture><source type=\"image/webp\" srcset=\"\(base)-320.webp 320w"))
            #expect(
                page.contains(
                    "width=\"1600\" height=\"900\" alt=\"A chart of the detour\" loading=\"lazy\" decoding=\"async\"></picture>"
                ))
            #expect(
                page.contains(
                    "<img src=\"https://pictures.example/a.png\" alt=\"Elsewhere\" loading=\"lazy\" decoding=\"async\">"
                ))
            // The site default for shared links: none set, so no og:image on this post.
            #expect(!page.contains("og:image"))
        }
    }

    @Test(arguments: StoreKind.allCases) func siteLogoIsTheDefaultSharedPicture(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let api = api.with(token: staff.owner.token)
            let image = try #require(try await api.upload(try ImageFiles.demo(), filename: "logo.jpg").first("images"))
            let id = try #require(image["id"]?.intValue)
            let saved = try await api.call(.put, "/settings", json: #"{"logo_image": \#(id), "icon_image": \#(id)}"#)
            #expect(saved.code == 200 && saved["settings"]?["logo_image"]?.intValue == id)
            let missing = try await api.call(.put, "/settings", json: #"{"logo_image": 424242}"#)
            #expect(missing.code == 422 && missing.field == "logo_image")
            _ = try await Self.publishPost(api, title: "Without a picture", image: nil)
            let fingerprint = try #require(image["fingerprint"]?.stringValue)
            let page = try await api.client.poll("/without-a-picture/") {
                String(buffer: $0.body).contains("og:image")
            }
            let html = String(buffer: page.body)
            #expect(
                html.contains(
                    "<meta property=\"og:image\" content=\"https://news.example/images/\(fingerprint)/logo-1280.jpg\">")
            )
            #expect(html.contains("\"logo\":\"https://news.example/images/\(fingerprint)/logo-640.jpg\""))
        }
    }
}
