import BylineCore
import Foundation
import Testing

/// Who reads what: the effective visibility (the archive rule), who is entitled, and what a
/// post cut for a reader without access still carries.
@Suite struct GatePolicyTests {
    static let day: TimeInterval = 86_400
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func post(visibility: Visibility, daysOld: Double, html: String, markdown: String = "secret markdown")
        -> Post
    {
        let author = Author(id: 1, name: "Mara Ellison", slug: "mara-ellison", bio: "")
        return Post(
            id: 1, title: "T", slug: "t",
            body: PostBody(
                markdown: markdown, html: html, readAlsoTitles: ["First", "Second"]),
            excerpt: "First paragraph.", status: .published, visibility: visibility,
            publishedAt: now.addingTimeInterval(-daysOld * day), createdAt: now, updatedAt: now, author: author,
            tags: [], statedReadingMinutes: nil, savedReadingMinutes: 7)
    }

    @Test func theArchiveRuleGatesPublicPostsOlderThanItsDays() {
        let rule = GateSettings(archiveAfterDays: 30)
        let old = Self.now.addingTimeInterval(-31 * Self.day)
        let young = Self.now.addingTimeInterval(-29 * Self.day)
        #expect(GatePolicy.effectiveVisibility(.public, publishedAt: old, settings: rule, now: Self.now) == .members)
        #expect(GatePolicy.effectiveVisibility(.public, publishedAt: young, settings: rule, now: Self.now) == .public)
        #expect(GatePolicy.effectiveVisibility(.paid, publishedAt: young, settings: rule, now: Self.now) == .paid)
        let off = GateSettings()
        #expect(GatePolicy.effectiveVisibility(.public, publishedAt: old, settings: off, now: Self.now) == .public)
        #expect(
            GatePolicy.changesAt(.public, publishedAt: young, settings: rule, now: Self.now)
                == young.addingTimeInterval(30 * Self.day))
        #expect(GatePolicy.changesAt(.public, publishedAt: old, settings: rule, now: Self.now) == nil)
        #expect(GatePolicy.changesAt(.members, publishedAt: young, settings: rule, now: Self.now) == nil)
    }

    @Test func membersReadMembersAndPaidPostsUntilTiersExist() {
        #expect(GatePolicy.canRead(.public, .anonymous))
        #expect(!GatePolicy.canRead(.members, .anonymous) && !GatePolicy.canRead(.paid, .anonymous))
        #expect(GatePolicy.canRead(.members, .member) && GatePolicy.canRead(.paid, .member))
        #expect(Audience.allCases.allSatisfy { GatePolicy.canRead(.paid, $0) == ($0 != .anonymous) })
    }

    @Test func aLockedPostCarriesOnlyItsPreview() {
        let html = """
            <p>First paragraph.</p>
            <!--byline:read-also-->
            <p>Second.</p>
            <p>Third.</p>
            <!--byline:read-also-->
            <p>Secret fourth.</p>
            """
        let post = Self.post(visibility: .members, daysOld: 1, html: html)
        let gated = GatedPost.apply(post, for: .anonymous, settings: GateSettings(previewBlocks: 3), now: Self.now)
        #expect(gated.isLocked && gated.isGated)
        #expect(gated.post.body.html.contains("Third") && !gated.post.body.html.contains("Secret"))
        #expect(gated.post.body.markdown.isEmpty, "the Markdown source holds the whole text")
        #expect(gated.post.body.readAlsoTitles == ["First"], "only the markers left in the preview")
        #expect(gated.post.readingMinutes == 7, "the reading time is the article's")
        #expect(gated.post.excerpt == "First paragraph.")

        let full = GatedPost.apply(post, for: .member, settings: GateSettings(), now: Self.now)
        #expect(!full.isLocked && full.post == post, "an entitled reader gets the post untouched")

        let cutFirst = Self.post(visibility: .members, daysOld: 1, html: PreviewCut.marker + "\n<p>Secret.</p>")
        let empty = GatedPost.apply(cutFirst, for: .anonymous, settings: GateSettings(), now: Self.now)
        #expect(empty.post.body.html.isEmpty && empty.post.excerpt.isEmpty, "a cut before any block shows nothing")
    }

    @Test func theArchiveRuleLocksAndSaysWhenItWill() {
        let rule = GateSettings(archiveAfterDays: 30)
        let young = Self.post(visibility: .public, daysOld: 10, html: "<p>a</p>\n<p>b</p>\n<p>c</p>\n<p>d</p>")
        let open = GatedPost.apply(young, for: .anonymous, settings: rule, now: Self.now)
        #expect(!open.isLocked && !open.isGated)
        #expect(open.changesAt == young.publishedAt!.addingTimeInterval(30 * Self.day))
        let later = Self.now.addingTimeInterval(21 * Self.day)
        let locked = GatedPost.apply(young, for: .anonymous, settings: rule, now: later)
        #expect(locked.isLocked && locked.visibility == .members && !locked.post.body.html.contains("<p>d</p>"))
    }
}
