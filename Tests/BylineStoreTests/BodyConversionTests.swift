import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Posts stored before bodies were Markdown (v3: plain text, no `body_html`) are converted when
/// a store opens, on both engines.
@Suite struct BodyConversionTests {
    @Test(arguments: StoreKind.allCases) func legacyBodiesAreConvertedOnOpen(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let author = try await temp.store.upsertPost(matchingTitle: input("Existing", body: "Text."))
            let authorID = try #require(try await temp.store.post(id: author.id)).author.id
            let now = temp.clock.now()
            let legacy = "Prices *fell* <b>sharply</b>.\n1. not a list\n\nREAD ALSO: Existing\n\nSecond [paragraph]."
            try await temp.store.engine.write { db in
                try db.execute(
                    """
                    INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, published_at,
                        created_at, updated_at, author_id, reading_minutes)
                    VALUES ('Old Post', 'old post', 'old-post', \(legacy), 'Prices', 'published', 'public', \(now),
                        \(now), \(now), \(authorID), 1)
                    """)
            }
            // Before the conversion, reads convert in memory.
            let before = try #require(try await temp.store.publicPost(slug: "old-post").found)
            #expect(before.body.readAlsoTitles == ["Existing"])

            let reopened = try await temp.openAnother()
            let (markdown, html, readAlso) = try await reopened.engine.read { db in
                let row = try db.fetchOne("SELECT body, body_html, read_also FROM posts WHERE slug = 'old-post'")
                return (try row?["body"] ?? "", try row?["body_html"] as String?, try row?["read_also"] ?? "")
            }
            #expect(markdown.contains("::read-also[Existing]"))
            #expect(markdown.contains("\\*fell\\*"))
            #expect(readAlso == "Existing")
            let rendered = try #require(html)
            #expect(rendered.contains("<p>Prices *fell* &lt;b&gt;sharply&lt;/b&gt;.\n1. not a list</p>"))
            #expect(rendered.contains("<p>Second [paragraph].</p>"))
            #expect(rendered.contains(BodyHTML.readAlsoMarker))
            #expect(!rendered.contains("<ol>"))

            let post = try #require(try await reopened.publicPost(slug: "old-post").found)
            #expect(post.body.html == rendered)
            #expect(post.body == before.body)
            let page = BodyHTML.render(post.body) { $0 == "Existing" ? "/existing/" : nil }
            #expect(page.contains("<a href=\"/existing/\">Existing</a>"))
            let remaining = try await reopened.engine.read { db in
                try db.value("SELECT COUNT(*) FROM posts WHERE body_html IS NULL", as: Int.self)
            }
            #expect(remaining == 0)
        }
    }
}

extension PostLookup {
    var found: Post? {
        if case .found(let post) = self { post } else { nil }
    }
}
