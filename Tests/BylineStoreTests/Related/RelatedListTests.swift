import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Logging
import Testing

/// Related lists on both engines: recomputed when posts change, never naming the post itself
/// or a post readers cannot see, reaching neighbours within a bounded fan-out.
@Suite struct RelatedListTests {
    static let volcano = "The volcano erupted again overnight. Lava flows and an ash cloud grounded flights."
    static let chess = "The chess final went to a tiebreak. The grandmaster defended the endgame for hours."
    static let harbour = "The harbour authority raised mooring fees. Fishermen protested at the quay."

    static func ids(_ temp: TestStore, _ id: Int64) async throws -> [Int64] {
        try await temp.store.relatedList(of: id).map(\.id)
    }

    static func save(_ temp: TestStore, _ title: String, _ body: String, tags: [String] = []) async throws -> Int64 {
        try await temp.store.upsertPost(matchingTitle: input(title, tags: tags, body: body)).id
    }

    /// Two volcano stories (the second also saying "Lava again.") and a chess final, in that order.
    static func saveVolcanoesAndChess(_ temp: TestStore) async throws
        -> (ashCloud: Int64, village: Int64, chess: Int64)
    {
        (
            try await save(temp, "Ash Cloud Grounds Flights", volcano),
            try await save(temp, "Village Report", volcano + " Lava again."),
            try await save(temp, "Chess Final Goes to Tiebreak", chess)
        )
    }

    @Test(arguments: StoreKind.allCases) func listsFollowEditsPublicationAndDeletion(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (ashCloud, lavaFlows, chessFinal) = try await Self.saveVolcanoesAndChess(temp)
            #expect(try await store.staleRelatedListCount() == 3, "every write marks its post")
            try await store.refreshAllRelatedLists()
            #expect(try await store.staleRelatedListCount() == 0)
            #expect(try await Self.ids(temp, ashCloud) == [lavaFlows])
            #expect(try await Self.ids(temp, lavaFlows) == [ashCloud])
            #expect(try await Self.ids(temp, chessFinal).isEmpty, "nothing shared: no list, never itself")

            // An edit moves the post to the other topic, and both neighbours' lists follow.
            let before = try await store.latestChange()
            _ = try await Self.save(temp, "Village Report", Self.chess + " Grandmaster again.")
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, ashCloud).isEmpty)
            #expect(try await Self.ids(temp, chessFinal) == [lavaFlows])
            let keys = try await store.changes(after: before, limit: 100).reduce(into: Set<ChangeKey>()) {
                $0.formUnion($1.keys)
            }
            #expect(keys.isSuperset(of: [.post(ashCloud), .post(chessFinal)]), "changed lists drop cached pages")

            // Unpublished: it leaves every list; published again: back.
            _ = try await store.setPublication(
                postID: lavaFlows, .unpublish, email: .keep, expectedUpdatedAt: nil, savedBy: nil)
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, chessFinal).isEmpty)
            #expect(try await Self.ids(temp, lavaFlows).isEmpty)
            _ = try await store.setPublication(
                postID: lavaFlows, .publish(at: nil), email: .keep, expectedUpdatedAt: nil, savedBy: nil)
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, chessFinal) == [lavaFlows])

            // Deleted: gone from lists, its own list gone.
            _ = try await store.deletePost(id: lavaFlows)
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, chessFinal).isEmpty)
            #expect(try await Self.ids(temp, lavaFlows).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func draftsAndScheduledPostsAreNeverListed(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let published = try await Self.save(temp, "Ash Cloud Grounds Flights", Self.volcano)
            _ = try await store.upsertPost(
                matchingTitle: input("Lava Draft", body: Self.volcano, status: .draft))
            _ = try await store.upsertPost(
                matchingTitle: input(
                    "Lava Later", body: Self.volcano, publishedAt: temp.clock.now().addingTimeInterval(86_400)))
            let control = try await Self.save(temp, "Lava Flows Reach Village", Self.volcano)
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, published) == [control], "the published one only (positive control)")
        }
    }

    @Test(arguments: StoreKind.allCases) func aNewPostEntersItsNeighboursListsWithinABoundedFanOut(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            // Twenty volcano stories, each with words of its own, fill each other's lists.
            let words =
                "amber birch cedar delta ember fjord glade heron inlet juniper kestrel lagoon meadow nettle "
                + "orchid pebble quartz raven spruce thistle"
            let own = words.split(separator: " ").map(String.init)
            var earlier: [Int64] = []
            for number in 0..<20 {
                earlier.append(try await Self.save(temp, "Volcano Report \(number)", Self.volcano + " " + own[number]))
            }
            try await store.refreshAllRelatedLists()
            for id in earlier { #expect(try await store.relatedList(of: id).count == RelatedStories.listLength) }
            // A story much closer to the first than the others are.
            let close = try await Self.save(
                temp, "Volcano Report Update", Self.volcano + " \(own[0]) \(own[0]) \(own[0]).")
            #expect(try await store.refreshRelatedLists(limit: 1) == 1, "the new post's own list")
            // The one ranking was enough: the closest neighbour took it in place, nothing is marked.
            #expect(try await store.staleRelatedListCount() == 0)
            #expect(try await Self.ids(temp, earlier[0]).first == close)
            let entered = try await earlier.asyncCount { try await Self.ids(temp, $0).contains(close) }
            #expect(entered >= 1 && entered <= 10, "at most the fan-out bound: \(entered)")
            try await store.refreshAllRelatedLists()
            #expect(try await Self.ids(temp, earlier[0]).first == close)
            #expect(try await !Self.ids(temp, close).contains(close))
        }
    }

    /// The postings and document counts the ranking reads stay those of the stored vectors
    /// through edits that add and drop terms, unpublishing and deletion (a post's terms are
    /// written in one statement, their counts in another).
    @Test(arguments: StoreKind.allCases) func postingsAndCountsFollowTheVectors(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (ashCloud, village, chessFinal) = try await Self.saveVolcanoesAndChess(temp)
            let quay = try await Self.save(temp, "Quay Protest", Self.harbour)
            try await store.refreshAllRelatedLists()
            try await Self.expectPostingsMatchVectors(temp, posts: 4)
            // Every term changes: the volcano's go, the chess final's come.
            _ = try await Self.save(temp, "Village Report", Self.chess + " Grandmaster again.")
            try await store.refreshAllRelatedLists()
            try await Self.expectPostingsMatchVectors(temp, posts: 4)
            _ = try await store.setPublication(
                postID: quay, .unpublish, email: .keep, expectedUpdatedAt: nil, savedBy: nil)
            _ = try await store.deletePost(id: ashCloud)
            try await store.refreshAllRelatedLists()
            try await Self.expectPostingsMatchVectors(temp, posts: 2)
            #expect(try await Self.ids(temp, chessFinal) == [village])
        }
    }

    /// Each post's postings are its vector's terms, and each count is its term's postings.
    static func expectPostingsMatchVectors(_ temp: TestStore, posts: Int) async throws {
        let (vectors, postings, counts) = try await temp.store.engine.read { db in
            var vectors: [Int64: Set<String>] = [:]
            for row in try db.fetchAll("SELECT post_id, terms FROM related_vectors") {
                vectors[try row["post_id"]] = Set(TermVector(encoded: try row["terms"]).terms)
            }
            var postings: [Int64: Set<String>] = [:]
            for row in try db.fetchAll("SELECT term, post_id FROM related_terms") {
                postings[try row["post_id"], default: []].insert(try row["term"])
            }
            var counts: [String: Int] = [:]
            for row in try db.fetchAll("SELECT term, posts FROM related_term_counts") {
                counts[try row["term"]] = try row["posts"]
            }
            return (vectors, postings, counts)
        }
        #expect(vectors.count == posts)
        #expect(postings == vectors.filter { !$0.value.isEmpty })
        // The row of the empty term counts the posts indexed (`RelatedRefresh.documentCountTerm`).
        var expected: [String: Int] = ["": vectors.count]
        for terms in vectors.values { for term in terms { expected[term, default: 0] += 1 } }
        // A term no post holds any more keeps a row of 0.
        #expect(counts.filter { $0.value != 0 } == expected)
        #expect(counts.values.allSatisfy { $0 >= 0 })
    }

    @Test(arguments: StoreKind.allCases) func theRefresherWorksOffMarksAndQueuesNoJobs(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let ashCloud = try await Self.save(temp, "Ash Cloud Grounds Flights", Self.volcano)
            let lavaFlows = try await Self.save(temp, "Lava Flows Reach Village", Self.volcano)
            // Marks are rows of their own: other features' job counts see nothing of them.
            #expect(try await store.jobCounts() == JobCounts())
            let refresher = RelatedRefresher(lists: store, logger: Logger(label: "test"), batchSize: 1, restRatio: 0)
            #expect(await refresher.refreshWhileMarked() >= 2)
            #expect(try await store.staleRelatedListCount() == 0)
            #expect(try await Self.ids(temp, ashCloud) == [lavaFlows])
            #expect(await refresher.refreshWhileMarked() == 0, "nothing left: an idle round does nothing")
        }
    }
}

extension Array where Element == Int64 {
    /// How many elements satisfy an async predicate.
    fileprivate func asyncCount(_ predicate: (Int64) async throws -> Bool) async rethrows -> Int {
        var count = 0
        for element in self where try await predicate(element) { count += 1 }
        return count
    }
}
