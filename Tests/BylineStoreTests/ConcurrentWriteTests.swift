import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Two stores on one database, as two nodes (or a server and an import) would have, writing at
/// the same time: nothing is lost, duplicated or refused.
@Suite struct ConcurrentWriteTests {
    @Test(arguments: StoreKind.allCases) func sameTitleFromTwoStoresMakesOnePost(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let stores = [temp.store, try await temp.openAnother()]
            let rounds = 8
            try await withThrowingTaskGroup(of: SavedPost.self) { group in
                for round in 0..<rounds {
                    for (node, store) in stores.enumerated() {
                        group.addTask {
                            try await store.upsertPost(
                                matchingTitle: input(
                                    "Breaking: Same Story", author: "Desk \(node)", tags: ["Shared", "Node \(node)"],
                                    body: "Version \(round) from \(node)."))
                        }
                    }
                }
                var ids: Set<Int64> = []
                var created = 0
                for try await saved in group {
                    ids.insert(saved.id)
                    if saved.outcome == .created { created += 1 }
                    #expect(saved.slug == "breaking-same-story")
                }
                #expect(ids.count == 1)
                #expect(created == 1)
            }
            #expect(try await temp.store.postCount() == 1)
            let changes = try await temp.store.changes(after: 0, limit: 100)
            #expect(changes.count == rounds * stores.count)
            #expect(zip(changes, changes.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
            // The post keeps the tags of whichever write came last, each counted once.
            let tags = try await temp.store.publicTags(limit: 10)
            #expect(tags.count == 2 && tags.contains { $0.tag.name == "Shared" })
            #expect(tags.allSatisfy { $0.postCount == 1 })
        }
    }

    @Test(arguments: StoreKind.allCases) func differentTitlesFromTwoStoresAllLand(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let stores = [temp.store, try await temp.openAnother()]
            let perStore = 10
            // Titles whose slugs clash across nodes, and authors and tags both create at once.
            let titles = (0..<perStore).flatMap { ["Turkey: Talks \($0)", "Turkey Talks \($0)"] }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, title) in titles.enumerated() {
                    let store = stores[index % 2]
                    group.addTask {
                        _ = try await store.upsertPost(
                            matchingTitle: input(
                                title, author: index % 3 == 0 ? "Ada Obi" : "Bo Lind",
                                tags: index % 2 == 0 ? ["Europe", "Talks"] : ["Talks", "Europe", "Turkey"]))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await temp.store.postCount() == titles.count)
            let archive = try await temp.store.publicPosts(PageRequest(number: 1, perPage: 1000)).items
            #expect(Set(archive.map(\.title)) == Set(titles))
            #expect(Set(archive.map(\.slug)).count == titles.count)
            for number in 0..<perStore {
                let slugs = Set(archive.filter { $0.title.hasSuffix(" \(number)") }.map(\.slug))
                #expect(slugs == ["turkey-talks-\(number)", "turkey-talks-\(number)-2"])
            }
            let tags = try await temp.store.publicTags(limit: 10)
            #expect(tags.map(\.tag.slug) == ["europe", "talks", "turkey"])
            #expect(tags.map(\.postCount) == [titles.count, titles.count, perStore])
            let page = PageRequest(number: 1, perPage: 100)
            let ada = try #require(try await temp.store.publicPosts(authorSlug: "ada-obi", page))
            let bo = try #require(try await temp.store.publicPosts(authorSlug: "bo-lind", page))
            #expect(ada.1.totalItems + bo.1.totalItems == titles.count)
        }
    }

    @Test(arguments: StoreKind.allCases) func followersOfTheChangeLogMissNoChange(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let writers = [temp.store, try await temp.openAnother()]
            let follower = try await temp.openAnother()
            let writes = 15
            let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (node, store) in writers.enumerated() {
                    group.addTask {
                        for number in 0..<writes {
                            _ = try await store.upsertPost(
                                matchingTitle: input("Node \(node) story \(number)", tags: ["Live"]))
                        }
                        return []
                    }
                }
                // Reads what others write while they write, remembering only the last sequence.
                group.addTask {
                    var seen: [Int64] = []
                    var last: Int64 = 0
                    while seen.count < writes * writers.count {
                        let batch = try await follower.changes(after: last, limit: 7)
                        seen += batch.map(\.sequence)
                        last = batch.last?.sequence ?? last
                        if batch.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
                    }
                    return seen
                }
                var seen: [Int64] = []
                for try await result in group { seen += result }
                return seen
            }
            let all = try await temp.store.changes(after: 0, limit: 1000).map(\.sequence)
            #expect(all.count == writes * writers.count)
            #expect(seen == all)
        }
    }
}
