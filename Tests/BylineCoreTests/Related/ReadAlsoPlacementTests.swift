import BylineCore
import Foundation
import Testing

/// Where an automatic READ ALSO goes, and to which post.
@Suite struct ReadAlsoPlacementTests {
    static let block = "<p class=\"read-also\">LINK</p>"

    static func paragraphs(_ count: Int) -> String {
        (1...count).map { "<p>Paragraph \($0).</p>" }.joined(separator: "\n") + "\n"
    }

    @Test func afterAboutAThirdOfTheParagraphs() throws {
        let thirteen = try #require(ReadAlsoPlacement.insert(Self.block, into: Self.paragraphs(13)))
        #expect(thirteen.contains("<p>Paragraph 4.</p>\n\(Self.block)\n<p>Paragraph 5.</p>"))
        let six = try #require(ReadAlsoPlacement.insert(Self.block, into: Self.paragraphs(6)))
        #expect(six.contains("<p>Paragraph 2.</p>\n\(Self.block)\n<p>Paragraph 3.</p>"))
        #expect(ReadAlsoPlacement.insert(Self.block, into: Self.paragraphs(5)) == nil, "short bodies get none")
    }

    @Test func onlyTopLevelTextParagraphsCount() throws {
        let html =
            "<p>One.</p>\n<blockquote>\n<p>Quoted.</p>\n<p>Quoted.</p>\n</blockquote>\n<ul>\n<li>\n<p>Item.</p>\n</li>\n</ul>\n"
            + "<p><img src=\"/a.jpg\" alt=\"\"></p>\n<pre><code>&lt;p&gt;code&lt;/p&gt;\n</code></pre>\n"
            + "<p>Two.</p>\n<!-- <p>comment</p> -->\n<p class=\"read-also\">x</p>\n<p>Three.</p>\n"
        #expect(ReadAlsoPlacement.paragraphCount(in: html) == 3)
        let placed = try #require(ReadAlsoPlacement.insert(Self.block, into: html, minimumParagraphs: 3))
        #expect(
            placed.contains("<p>One.</p>\n\(Self.block)\n<blockquote>"), "after the first of three, outside the quote")
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func post(readAlso: [String] = [], auto: Bool = true) -> Post {
        Post(
            id: 1, title: "Article", slug: "article",
            body: PostBody(markdown: "", html: paragraphs(8), readAlsoTitles: readAlso), excerpt: "",
            status: .published, visibility: .public, publishedAt: now.addingTimeInterval(-60), createdAt: now,
            updatedAt: now, author: Author(id: 1, name: "A", slug: "a"), tags: [], statedReadingMinutes: nil,
            autoReadAlso: auto)
    }

    static func summary(_ id: Int64, _ visibility: Visibility, age: TimeInterval = 3600) -> PostSummary {
        PostSummary(
            id: id, title: "Post \(id)", slug: "post-\(id)", excerpt: "", publishedAt: now.addingTimeInterval(-age),
            updatedAt: now, author: Author(id: 1, name: "A", slug: "a"), tags: [], readingMinutes: 1,
            visibility: visibility)
    }

    @Test func theTargetIsTheBestPostTheReaderCanOpen() {
        let ranked = [Self.summary(1, .public), Self.summary(2, .members), Self.summary(3, .public)]
        let gate = GateSettings()
        let anonymous = AutoReadAlso.target(
            for: Self.post(), isLocked: false, among: ranked, audience: .anonymous, gate: gate, now: Self.now)
        #expect(anonymous?.id == 3, "never itself, never a members' post for anonymous readers")
        let member = AutoReadAlso.target(
            for: Self.post(), isLocked: false, among: ranked, audience: .member, gate: gate, now: Self.now)
        #expect(member?.id == 2, "members may open it")
        let future = [Self.summary(4, .public, age: -60), Self.summary(5, .public)]
        #expect(
            AutoReadAlso.target(
                for: Self.post(), isLocked: false, among: future, audience: .anonymous, gate: gate, now: Self.now)?.id
                == 5)
        // The archive rule gates the old public post for anonymous readers.
        let archive = GateSettings(archiveAfterDays: 1)
        let old = [Self.summary(6, .public, age: 3 * 86_400), Self.summary(7, .public)]
        #expect(
            AutoReadAlso.target(
                for: Self.post(), isLocked: false, among: old, audience: .anonymous, gate: archive, now: Self.now)?.id
                == 7)
    }

    @Test func noneWhenTheEditorDecided() {
        let ranked = [Self.summary(3, .public)]
        let gate = GateSettings()
        #expect(
            AutoReadAlso.target(
                for: Self.post(readAlso: ["Other"]), isLocked: false, among: ranked, audience: .anonymous, gate: gate,
                now: Self.now) == nil)
        #expect(
            AutoReadAlso.target(
                for: Self.post(auto: false), isLocked: false, among: ranked, audience: .anonymous, gate: gate,
                now: Self.now) == nil)
        #expect(
            AutoReadAlso.target(
                for: Self.post(), isLocked: true, among: ranked, audience: .anonymous, gate: gate, now: Self.now)
                == nil)
        #expect(
            AutoReadAlso.target(
                for: Self.post(), isLocked: false, among: ranked, audience: .anonymous, gate: gate, now: Self.now)?.id
                == 3, "positive control")
    }
}
