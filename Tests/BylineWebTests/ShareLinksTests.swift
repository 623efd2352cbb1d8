import BylineImport
import BylineTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The article page's share section: every network's link carries the canonical address and
/// the title percent-encoded, so nothing in a title (`&`, `#`, quotes, non-ASCII) can end a
/// query value early; "Copy link" and "Share…" carry the address for the reader script.
@Suite struct ShareLinksTests {
    static let title = "Café & Co: \"Bold\" #1"
    /// The title as a query value, encoded here by hand rather than by the code under test.
    static let encodedTitle = "Caf%C3%A9%20%26%20Co%3A%20%22Bold%22%20%231"

    @Test func everyShareLinkIsPresentAndEncoded() async throws {
        let site = try await TestSite.open(.sqlite)
        let file = try site.writeArticle(
            "share.txt", "\(Self.title)\n\nMara Ellison\nDate: 2026-05-18\n\nA short report.\n")
        guard case .imported(_, let saved, _) = try #require(await site.importFiles([file]).first) else {
            Issue.record("the article did not import")
            return
        }
        let canonical = "https://news.example/\(saved.slug)/"
        let u = "https%3A%2F%2Fnews.example%2F\(saved.slug)%2F"
        let t = Self.encodedTitle
        let expected: [String: (url: String, values: [String: String])] = [
            "X (Twitter)": (
                "https://twitter.com/intent/tweet?url=\(u)&text=\(t)", ["url": canonical, "text": Self.title]
            ),
            "Facebook": ("https://www.facebook.com/sharer/sharer.php?u=\(u)", ["u": canonical]),
            "LinkedIn": ("https://www.linkedin.com/sharing/share-offsite/?url=\(u)", ["url": canonical]),
            "Email": ("mailto:?subject=\(t)&body=\(u)", ["subject": Self.title, "body": canonical]),
            "WhatsApp": ("https://wa.me/?text=\(t)%20\(u)", ["text": "\(Self.title) \(canonical)"]),
            "Telegram": ("https://t.me/share/url?url=\(u)&text=\(t)", ["url": canonical, "text": Self.title]),
            "Bluesky": ("https://bsky.app/intent/compose?text=\(t)%20\(u)", ["text": "\(Self.title) \(canonical)"]),
            "Reddit": ("https://www.reddit.com/submit?url=\(u)&title=\(t)", ["url": canonical, "title": Self.title]),
        ]
        try await site.serve { client in
            let page = try await client.get("/\(saved.slug)/")
            #expect(page.status == .ok)
            let html = page.text
            let section = try #require(Self.shareSection(html))
            let links = Self.links(section)
            #expect(Set(links.keys) == Set(expected.keys))
            for (name, want) in expected {
                let href = try #require(links[name], "no \(name) link")
                #expect(href == want.url, "\(name)")
                // The title's own `&` and `#` stay encoded: the query splits into exactly the
                // expected fields, each decoding back to the title or the address.
                #expect(!href.contains("#"), "\(name): \(href)")
                let query = try #require(href.split(separator: "?", maxSplits: 1).last)
                var values: [String: String] = [:]
                for pair in query.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    values[parts[0]] = parts.count == 2 ? parts[1].removingPercentEncoding : nil
                }
                #expect(values == want.values, "\(name): \(href)")
            }
            // Every link opens without the page's referrer window.
            #expect(count("rel=\"noopener\"", in: section) == expected.count)
            // The buttons for the reader script: hidden without it, carrying address and title.
            #expect(section.contains("class=\"share-copy\" data-share-url=\"\(canonical)\" hidden>"))
            #expect(
                section.contains(
                    "class=\"share-native\" data-share-url=\"\(canonical)\" "
                        + "data-share-title=\"Café &amp; Co: &quot;Bold&quot; #1\" hidden>"))
            #expect(section.contains("role=\"status\" aria-live=\"polite\""))
            // No script from anywhere else: every `<script src=` is a path on this site.
            for source in Self.scriptSources(html) {
                #expect(source.hasPrefix("/") && !source.hasPrefix("//"), "off-site script: \(source)")
            }
        }
    }

    /// The `<section class="share" ...>...</section>` block of a page.
    static func shareSection(_ html: String) -> String? {
        guard let start = html.range(of: "<section class=\"share\""),
            let end = html[start.upperBound...].range(of: "</section>")
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Each share link's visible name and its `href`, with the HTML escapes undone.
    static func links(_ section: String) -> [String: String] {
        var found: [String: String] = [:]
        for chunk in section.components(separatedBy: "<a href=\"").dropFirst() {
            guard let quote = chunk.firstIndex(of: "\""), let close = chunk.range(of: "</a>") else { continue }
            let href = String(chunk[..<quote]).replacingOccurrences(of: "&amp;", with: "&")
            let inner = chunk[..<close.lowerBound]
            let name = inner.range(of: "</svg>").map { String(inner[$0.upperBound...]) } ?? String(inner)
            found[name] = href
        }
        return found
    }

    /// The `src` of every `<script src=...>` in a page.
    static func scriptSources(_ html: String) -> [String] {
        html.components(separatedBy: "<script src=\"").dropFirst().compactMap { chunk in
            chunk.firstIndex(of: "\"").map { String(chunk[..<$0]) }
        }
    }
}
