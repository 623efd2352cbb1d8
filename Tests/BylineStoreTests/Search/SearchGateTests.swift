import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Search must not be an oracle for gated text: a word only in the gated part of a post finds
/// it for entitled readers (the positive control) and for nobody else, on both engines, by
/// matching, by excluding, and in snippets.
@Suite struct SearchGateTests {
    static let canary = "zebracanary"
    static let lead = "The harbour authority met on Tuesday to review the winter ferry service."

    /// Five paragraphs; the canary is in the fifth, past the default three-paragraph preview.
    static let gatedMarkdown = """
        \(lead)

        Passengers have complained about delays since the autumn storms.

        The chair said the review would take a month.

        Unions asked to be consulted on crew rotas.

        A \(canary) timetable will start in March.
        """

    static func search(
        _ store: SiteStore, _ text: String, as audience: Audience, gate: GateSettings = GateSettings()
    ) async throws -> [SearchHit] {
        try await store.searchPosts(
            SearchQuery.parse(text), audience: audience, gate: gate, page: PageRequest(number: 1, perPage: 10)
        ).page.items
    }

    @Test(arguments: StoreKind.allCases, [Visibility.members, .paid])
    func aWordPastThePreviewFindsAGatedPostOnlyForEntitledReaders(_ kind: StoreKind, _ visibility: Visibility)
        async throws
    {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Harbour ferry review", authorName: "Mara Ellison", markdown: Self.gatedMarkdown,
                    publishedAt: temp.clock.now().addingTimeInterval(-3600), visibility: visibility))
            #expect(try await Self.search(temp.store, Self.canary, as: .anonymous).isEmpty)
            #expect(try await Self.search(temp.store, "harbour \(Self.canary)", as: .anonymous).isEmpty)
            #expect(try await Self.search(temp.store, "\"\(Self.canary) timetable\"", as: .anonymous).isEmpty)
            // Excluding the canary must not hide the post either: that would tell as much.
            #expect(try await Self.search(temp.store, "harbour -\(Self.canary)", as: .anonymous).count == 1)
            #expect(try await Self.search(temp.store, "unions", as: .anonymous).isEmpty, "4th paragraph: gated")

            // The free part is found, and its snippet text is the preview alone.
            let free = try await Self.search(temp.store, "harbour", as: .anonymous)
            #expect(free.map(\.post.title) == ["Harbour ferry review"])
            #expect(free.first?.text.contains(Self.lead) == true)
            #expect(free.first?.text.contains(Self.canary) == false)
            #expect(free.first?.text.contains("Unions") == false)

            // Positive control: members and staff find it by the canary, and may see it quoted.
            for audience in [Audience.member, .staff] {
                let hits = try await Self.search(temp.store, Self.canary, as: audience)
                #expect(hits.map(\.post.title) == ["Harbour ferry review"], "\(audience)")
                #expect(hits.first?.text.contains(Self.canary) == true, "\(audience)")
                #expect(try await Self.search(temp.store, "harbour -\(Self.canary)", as: audience).isEmpty)
                // The phrase the anonymous reader missed above: its pair keys are indexed.
                let phrase = try await Self.search(temp.store, "\"\(Self.canary) timetable\"", as: audience)
                #expect(phrase.map(\.post.title) == ["Harbour ferry review"], "\(audience)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func theArchiveRuleGatesOldPublicPostsInSearchToo(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Old harbour story", authorName: "Mara Ellison", markdown: Self.gatedMarkdown,
                    publishedAt: temp.clock.now().addingTimeInterval(-40 * 86_400)))
            let archive = GateSettings(archiveAfterDays: 30)
            #expect(try await Self.search(temp.store, Self.canary, as: .anonymous).count == 1, "rule off: public")
            #expect(try await Self.search(temp.store, Self.canary, as: .anonymous, gate: archive).isEmpty)
            #expect(try await Self.search(temp.store, "harbour", as: .anonymous, gate: archive).count == 1)
            #expect(try await Self.search(temp.store, Self.canary, as: .member, gate: archive).count == 1)
            // Still inside the window: public.
            let longer = GateSettings(archiveAfterDays: 60)
            #expect(try await Self.search(temp.store, Self.canary, as: .anonymous, gate: longer).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func aShorterPreviewSettingShrinksWhatIsSearchable(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Harbour ferry review", authorName: "Mara Ellison", markdown: Self.gatedMarkdown,
                    publishedAt: temp.clock.now().addingTimeInterval(-3600), visibility: .members))
            // Indexed with the default preview of three blocks; the site now shows one.
            let shorter = GateSettings(previewBlocks: 1)
            #expect(try await Self.search(temp.store, "passengers", as: .anonymous).count == 1)
            #expect(try await Self.search(temp.store, "passengers", as: .anonymous, gate: shorter).isEmpty)
            #expect(try await Self.search(temp.store, "ferry review", as: .anonymous, gate: shorter).count == 1)
            let hit = try await Self.search(temp.store, "ferry review", as: .anonymous, gate: shorter).first
            #expect(hit?.text.contains("Passengers") == false)
            #expect(try await Self.search(temp.store, "passengers", as: .member, gate: shorter).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func theEditorsCutDecidesThePreview(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let markdown = "Opening words about the quay.\n\n<!--more-->\n\nThe \(Self.canary) detail.\n\nMore."
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Quay story", authorName: "Mara Ellison", markdown: markdown,
                    publishedAt: temp.clock.now().addingTimeInterval(-3600), visibility: .members))
            #expect(try await Self.search(temp.store, "quay", as: .anonymous).count == 1)
            #expect(try await Self.search(temp.store, Self.canary, as: .anonymous).isEmpty)
            #expect(try await Self.search(temp.store, Self.canary, as: .member).count == 1)
        }
    }
}
