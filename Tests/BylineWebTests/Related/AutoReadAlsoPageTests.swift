import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The automatic READ ALSO through the real server: placed after about a third of a long body,
/// to the best related post the reader can open, and only where the editor left it to the site.
@Suite struct AutoReadAlsoPageTests {
    static let volcano = [
        "The volcano erupted before dawn, sending lava towards the harbour.",
        "Ash from the crater drifted over the harbour town.",
        "Ferries in the harbour stayed moored as the lava flow widened.",
        "Geologists measured the crater and the ash plume.",
        "Harbour workers sheltered while lava reached the shore.",
        "The ash cloud thinned by evening over the crater.",
        "Officials reopened the harbour road to the volcano observatory.",
        "The lava field cooled slowly beside the harbour wall.",
        "Residents swept ash from the harbour promenade.",
    ]

    static func body(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }

    /// The article, a public related post, a members-only post closer still, and a member.
    static func site(_ kind: StoreKind, article: String = body(volcano), auto: Bool = true) async throws -> (
        TestSite, cookie: String
    ) {
        let site = try await TestSite.open(kind)
        let published = site.clock.now().addingTimeInterval(-3600)
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Volcano Erupts Near Harbour", authorName: "Mara Ellison", markdown: article,
                publishedAt: published))
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Ash Cloud Closes Harbour", authorName: "Tomasz Okafor",
                markdown: "The volcano's ash cloud closed the harbour. Lava was seen near the crater.",
                publishedAt: published.addingTimeInterval(-60)))
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Volcano Lava Reaches Harbour Wall", authorName: "Tomasz Okafor",
                markdown: body(volcano) + "\n\nMembers read the crater report.",
                publishedAt: published.addingTimeInterval(-120), visibility: .members))
        _ = try await site.store.upsertPost(
            matchingTitle: PostInput(
                title: "Chess Final Goes to Tiebreak", authorName: "Tomasz Okafor",
                markdown: "The grandmaster defended the endgame.", publishedAt: published))
        if !auto {
            let stored = try #require(try await site.store.post(id: 1))
            _ = try await site.store.updatePost(
                id: stored.id,
                PostDraft(
                    title: stored.title, markdown: stored.body.markdown, authorID: stored.author.id,
                    autoReadAlso: false),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
        }
        try await site.store.refreshAllRelatedLists()
        let (_, cookie) = try await GateLeakTests.member(site, email: "reader@example.com")
        return (site, cookie)
    }

    /// The READ ALSO links of a page's body, as (href, text).
    static func readAlsoLinks(_ html: String) -> [String] {
        html.components(separatedBy: "<p class=\"read-also\">").dropFirst().compactMap { part in
            part.range(of: "href=\"").flatMap { start in
                part[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func placedAfterAThirdToAPostTheReaderCanOpen(_ kind: StoreKind)
        async throws
    {
        let (site, cookie) = try await Self.site(kind)
        try await GateLeakTests.serve(site) { client, _ in
            let anonymous = try await client.get("/volcano-erupts-near-harbour/")
            #expect(anonymous.status == .ok)
            #expect(Self.readAlsoLinks(anonymous.text) == ["/ash-cloud-closes-harbour/"], "never the members' post")
            // After the 3rd of 9 paragraphs.
            let html = anonymous.text
            let link = try #require(html.range(of: "<p class=\"read-also\">"))
            let third = try #require(html.range(of: Self.volcano[2]))
            let fourth = try #require(html.range(of: Self.volcano[3]))
            #expect(third.upperBound < link.lowerBound && link.upperBound < fourth.lowerBound)
            let member = try await client.get(
                "/volcano-erupts-near-harbour/", headers: GateLeakTests.memberHeaders(cookie))
            #expect(
                Self.readAlsoLinks(member.text) == ["/volcano-lava-reaches-harbour-wall/"],
                "members get the best match (positive control for the gate)")
        }
    }

    @Test(arguments: StoreKind.allCases) func notPlacedWhenTheEditorSetOneOrTurnedItOffOrTheBodyIsShort(
        _ kind: StoreKind
    ) async throws {
        let own = Self.volcano.prefix(2) + ["::read-also[Chess Final Goes to Tiebreak]"] + Self.volcano.dropFirst(2)
        let (editor, _) = try await Self.site(kind, article: Self.body(Array(own)))
        try await GateLeakTests.serve(editor) { client, _ in
            let page = try await client.get("/volcano-erupts-near-harbour/")
            #expect(Self.readAlsoLinks(page.text) == ["/chess-final-goes-to-tiebreak/"], "the editor's link alone")
        }
        let (off, _) = try await Self.site(kind, auto: false)
        try await GateLeakTests.serve(off) { client, _ in
            let page = try await client.get("/volcano-erupts-near-harbour/")
            #expect(page.status == .ok)
            #expect(Self.readAlsoLinks(page.text).isEmpty, "turned off in the editor")
        }
        let (short, _) = try await Self.site(kind, article: Self.body(Array(Self.volcano.prefix(5))))
        try await GateLeakTests.serve(short) { client, _ in
            let page = try await client.get("/volcano-erupts-near-harbour/")
            #expect(page.text.contains(Self.volcano[4]))
            #expect(Self.readAlsoLinks(page.text).isEmpty, "five paragraphs are too short")
        }
    }

    @Test(arguments: StoreKind.allCases) func aCachedPageDropsItsLinkWhenTheTargetChanges(_ kind: StoreKind)
        async throws
    {
        let (site, _) = try await Self.site(kind)
        try await GateLeakTests.serve(site) { client, _ in
            let first = try await client.get("/volcano-erupts-near-harbour/")
            #expect(first.text.contains(">Ash Cloud Closes Harbour</a>"))
            let cached = try await client.get("/volcano-erupts-near-harbour/")
            #expect(cached.text == first.text)
            // Retitled: the link's text follows.
            let target = try #require(try await site.store.post(id: 2))
            _ = try await site.store.updatePost(
                id: target.id,
                PostDraft(title: "Ash Cloud Shuts Harbour", markdown: target.body.markdown, authorID: target.author.id),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            let retitled = try await client.poll("/volcano-erupts-near-harbour/") {
                $0.text.contains(">Ash Cloud Shuts Harbour</a>")
            }
            #expect(retitled.text.contains(">Ash Cloud Shuts Harbour</a>"))
            // Unpublished: no link to it any more (before any list is recomputed).
            _ = try await site.store.setPublication(
                postID: target.id, .unpublish, email: .keep, expectedUpdatedAt: nil, savedBy: nil)
            let gone = try await client.poll("/volcano-erupts-near-harbour/") {
                !Self.readAlsoLinks($0.text).contains("/ash-cloud-closes-harbour/")
            }
            #expect(!Self.readAlsoLinks(gone.text).contains("/ash-cloud-closes-harbour/"))
            #expect(!gone.text.contains("Ash Cloud Shuts Harbour"))
        }
    }
}
