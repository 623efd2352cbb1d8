import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// ``SiteStore/compactSearchIndex()`` on both engines: the index of posts saved one at a time
/// ends up smaller, and finds exactly what it found before.
@Suite struct SearchCompactionTests {
    /// PostgreSQL: the bytes of the GIN indexes of `post_search`'s partitions. SQLite: the rows
    /// of FTS5's segment table (one or more per segment).
    static func indexSize(_ temp: TestStore) async throws -> Int {
        try await temp.store.engine.read { db in
            switch db.dialect {
            case .postgres:
                return try db.value(
                    """
                    SELECT SUM(pg_relation_size(x.indexrelid))::bigint FROM pg_index x
                    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am a ON a.oid = i.relam
                    WHERE a.amname = 'gin'
                        AND x.indrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'post_search'::regclass)
                    """) ?? 0
            case .sqlite:
                return try db.value("SELECT COUNT(*) FROM post_search_data") ?? 0
            }
        }
    }

    /// What each query finds, in order, and how many in all.
    static func answers(_ store: SiteStore, _ queries: [String]) async throws -> [[String]] {
        var answers: [[String]] = []
        for query in queries {
            let results = try await SearchTests.search(store, query, perPage: 50)
            answers.append(SearchTests.titles(results) + ["\(results.page.totalItems)"])
        }
        return answers
    }

    @Test(arguments: StoreKind.allCases) func aCompactedIndexIsSmallerAndFindsTheSame(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let places = ["Harbour", "Quarry", "Orchard", "Viaduct", "Lighthouse", "Marsh"]
            let topics = ["ferry fares", "school meals", "rail link", "flood defences", "market stalls"]
            // Saved one at a time, as an import saves them.
            for number in 0..<90 {
                let place = places[number % places.count]
                let topic = topics[number % topics.count]
                _ = try await SearchTests.publish(
                    temp, "\(place) Report \(number) on \(topic)",
                    body: "Residents of \(place) met about \(topic) on day \(number). The council said the "
                        + "\(topic) review would finish next month, and \(place) traders asked for more notice.",
                    tags: [place, "Report"], age: TimeInterval(number))
            }
            let queries = ["harbour", "\"rail link\"", "council review", "orchard -fares", "marsh traders"]
            let before = try await Self.answers(temp.store, queries)
            #expect(before.allSatisfy { $0.count > 1 }, "every query finds something")
            let sizeBefore = try await Self.indexSize(temp)

            try await temp.store.compactSearchIndex()

            #expect(try await Self.indexSize(temp) < sizeBefore)
            #expect(try await Self.answers(temp.store, queries) == before)
            // Posts saved after it are found as before.
            _ = try await SearchTests.publish(temp, "Lighthouse Keeper Retires", body: "A quiet farewell.")
            let keeper = try await SearchTests.search(temp.store, "keeper")
            #expect(SearchTests.titles(keeper) == ["Lighthouse Keeper Retires"])
        }
    }
}
