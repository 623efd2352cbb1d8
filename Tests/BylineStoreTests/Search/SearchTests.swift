import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Full-text search on both engines: relevance, phrases, diacritics and scripts, hostile input,
/// pagination, and the index following every write.
@Suite struct SearchTests {
    static func search(
        _ store: SiteStore, _ text: String, as audience: Audience = .anonymous, gate: GateSettings = GateSettings(),
        page: Int = 1, perPage: Int = 10
    ) async throws -> SearchResults {
        try await store.searchPosts(
            SearchQuery.parse(text), audience: audience, gate: gate, page: PageRequest(number: page, perPage: perPage))
    }

    static func titles(_ results: SearchResults) -> [String] { results.page.items.map(\.post.title) }

    /// A post published an hour before the test clock's now, minus `age` seconds.
    static func publish(
        _ temp: TestStore, _ title: String, body: String, tags: [String] = [], age: TimeInterval = 0,
        visibility: Visibility = .public
    ) async throws -> SavedPost {
        try await temp.store.upsertPost(
            matchingTitle: PostInput(
                title: title, authorName: "Mara Ellison", markdown: body, tagNames: tags,
                publishedAt: temp.clock.now().addingTimeInterval(-3600 - age), visibility: visibility))
    }

    /// PostgreSQL: the next post saved gets an id past `id`, in another range of the index.
    static func skipPostIDs(_ temp: TestStore, to id: Int) async throws {
        try await temp.store.engine.write { db in try db.execute("SELECT setval('posts_id_seq', \(id))") }
    }

    @Test(arguments: StoreKind.allCases) func aTitleMatchRanksAboveABodyMention(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            // The body mention is the newer post: only relevance can put the title match first.
            _ = try await Self.publish(
                temp, "Harbour Budget Approved", body: "The council approved the harbour plan.", age: 600)
            _ = try await Self.publish(
                temp, "Council Meeting Notes",
                body: "Several items were discussed, among them the harbour and the market.\n\nThe meeting ran late.")
            _ = try await Self.publish(temp, "Unrelated Story", body: "Nothing about boats here.")
            let results = try await Self.search(temp.store, "harbour")
            #expect(Self.titles(results) == ["Harbour Budget Approved", "Council Meeting Notes"])
            #expect(results.page.totalItems == 2)
            #expect(!results.isCountCapped)
        }
    }

    @Test(arguments: StoreKind.allCases) func aQuotedPhraseNeedsItsWordsTogether(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Together", body: "The new rail link opens in May.")
            _ = try await Self.publish(temp, "Apart", body: "The rail strike ended; a link road is planned.", age: 60)
            #expect(Set(Self.titles(try await Self.search(temp.store, "rail link"))) == ["Together", "Apart"])
            #expect(Self.titles(try await Self.search(temp.store, "\"rail link\"")) == ["Together"])
            #expect(Self.titles(try await Self.search(temp.store, "“rail link”")) == ["Together"])
            // Every word must match (AND), and an excluded word removes a post.
            #expect(Self.titles(try await Self.search(temp.store, "rail strike")) == ["Apart"])
            #expect(Self.titles(try await Self.search(temp.store, "rail -strike")) == ["Together"])
            // Stems: a plural finds the singular.
            #expect(Set(Self.titles(try await Self.search(temp.store, "links"))) == ["Together", "Apart"])
        }
    }

    /// Phrases are looked up by the keys of their word pairs first (``SearchPairs``): whatever
    /// the engine's phrase match finds, the keys must find too (stems, possessives, the title,
    /// three words), and a phrase no post holds finds nothing.
    @Test(arguments: StoreKind.allCases) func phrasesFoundThroughPairKeys(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Council approves rail links", body: "Kyiv's mayor welcomed the plan.")
            _ = try await Self.publish(temp, "Ferry timetable", body: "The rail link to the port waits.", age: 60)
            #expect(
                Self.titles(try await Self.search(temp.store, "\"rail link\"")) == [
                    "Council approves rail links", "Ferry timetable",
                ])
            #expect(
                Self.titles(try await Self.search(temp.store, "\"approves rail link\"")) == [
                    "Council approves rail links"
                ])
            #expect(
                Self.titles(try await Self.search(temp.store, "\"Kyiv's mayor\"")) == ["Council approves rail links"])
            #expect(
                Self.titles(try await Self.search(temp.store, "\"kyiv s mayor welcomed\"")) == [
                    "Council approves rail links"
                ])
            // Each word is in both posts; the pair "link rail" is in neither.
            #expect(try await Self.search(temp.store, "\"link rail\"").page.items.isEmpty)
            // A phrase does not run from the title into the body.
            #expect(try await Self.search(temp.store, "\"timetable the rail\"").page.items.isEmpty)
        }
    }

    /// A phrase of three words whose pairs a post holds apart: "harbour ferry", "ferry service"
    /// and "harbour … service" (a word between) all occur in the trap, "harbour ferry service"
    /// nowhere in it. PostgreSQL decides such a phrase by the key of its three stems
    /// (``PostgresPhraseKeys``), which only the post holding the phrase has.
    @Test(arguments: StoreKind.allCases) func aPhraseOfThreeWordsNeedsAllThreeTogether(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Crossing", body: "The harbour ferry service resumes on Monday.")
            _ = try await Self.publish(
                temp, "Trap", body: "The harbour ferry. Ferry service resumes. A harbour bus service.", age: 60)
            #expect(Self.titles(try await Self.search(temp.store, "\"harbour ferry service\"")) == ["Crossing"])
            #expect(Set(Self.titles(try await Self.search(temp.store, "\"ferry service\""))) == ["Crossing", "Trap"])
            #expect(try await Self.search(temp.store, "\"service ferry harbour\"").page.items.isEmpty)
            #expect(
                Self.titles(try await Self.search(temp.store, "\"harbour ferry services resume\"")) == ["Crossing"])
        }
    }

    /// A stop word inside a phrase: PostgreSQL's phrase keeps its place ("farm off coast" is
    /// `'farm' <2> 'coast'`), and the pair key of two stems two positions apart decides it
    /// (``PostgresPhraseKeys``); SQLite's phrase holds the stop word itself. Both find the post
    /// with the words in that order only.
    @Test(arguments: StoreKind.allCases) func aPhraseWithAStopWordInsideNeedsItsWordsInPlace(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Energy", body: "The wind farm off coast plan was approved.")
            _ = try await Self.publish(temp, "Fields", body: "The farm sits off the coast road.", age: 60)
            _ = try await Self.publish(temp, "Shore", body: "Off the coast, a farm of mussels.", age: 120)
            #expect(Self.titles(try await Self.search(temp.store, "\"farm off coast\"")) == ["Energy"])
            #expect(try await Self.search(temp.store, "\"farm coast\"").page.items.isEmpty)
            #expect(try await Self.search(temp.store, "\"coast farm\"").page.items.isEmpty)
            #expect(Self.titles(try await Self.search(temp.store, "\"wind farm off coast\"")) == ["Energy"])
            #expect(
                Set(Self.titles(try await Self.search(temp.store, "farm coast"))) == ["Energy", "Fields", "Shore"])
        }
    }

    /// A text whose PostgreSQL pair keys would not fit in a `tsvector` (1 MB of lexemes) is
    /// still saved: it gets one key that makes it a candidate of every phrase, checked by word
    /// positions, so its phrases are found and no other. PostgreSQL keeps word positions only
    /// up to the 16,383rd, which bounds the keys of any text of words of usual length: it
    /// takes long words (codes, addresses) to get there.
    @Test func aPostWithTooManyPairKeysIsSavedAndItsPhrasesFound() async throws {
        try await TestStore.with(.postgres) { temp in
            // 16,000 different words of 40 letters: 32,000 keys of 81 bytes.
            func word(_ index: Int) -> String {
                var text = "q"
                var rest = index
                for _ in 0..<39 {
                    text.append(Character(UnicodeScalar(UInt8(97 + rest % 26))))
                    rest = rest / 26 + 7 * (rest % 26)
                }
                return text
            }
            var words = (0..<16_000).map(word)
            words.insert(contentsOf: ["harbour", "lantern"], at: 8_000)
            _ = try await Self.publish(temp, "Ledger", body: words.joined(separator: " "))
            _ = try await Self.publish(temp, "Quay", body: "A lantern by the harbour.", age: 60)
            let keys: String? = try await temp.store.engine.read { db in
                try db.value(
                    "SELECT array_to_string(tsvector_to_array(pairs), ' ') FROM post_search WHERE title = 'Ledger'")
            }
            #expect(keys == "\u{E002}", "one key, for too many")
            #expect(Self.titles(try await Self.search(temp.store, "\"harbour lantern\"")) == ["Ledger"])
            #expect(Self.titles(try await Self.search(temp.store, "\"lantern by the harbour\"")) == ["Quay"])
            #expect(try await Self.search(temp.store, "\"lantern harbour\"").page.items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func diacriticsFoldAndOtherScriptsWork(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Banks of Zürich", body: "A café in Zürich raised its prices.")
            _ = try await Self.publish(temp, "Новости Москвы", body: "Москва готовится к зиме.", age: 60)
            _ = try await Self.publish(temp, "Αθήνα σήμερα", body: "Η Αθήνα ετοιμάζεται για το φεστιβάλ.", age: 120)
            _ = try await Self.publish(temp, "東京の天気", body: "東京は雨です。", age: 180)
            #expect(Self.titles(try await Self.search(temp.store, "Zurich")) == ["Banks of Zürich"])
            #expect(Self.titles(try await Self.search(temp.store, "ZÜRICH cafe")) == ["Banks of Zürich"])
            #expect(Self.titles(try await Self.search(temp.store, "москва")) == ["Новости Москвы"])
            #expect(Self.titles(try await Self.search(temp.store, "ΑΘΉΝΑ")) == ["Αθήνα σήμερα"])
            #expect(Self.titles(try await Self.search(temp.store, "ετοιμάζεται")) == ["Αθήνα σήμερα"])
            // No word segmentation for CJK: a whole run of characters is one word. It must not fail.
            _ = try await Self.search(temp.store, "東京")
            #expect(Self.titles(try await Self.search(temp.store, "東京は雨です")) == ["東京の天気"])
        }
    }

    @Test(arguments: StoreKind.allCases) func typedSyntaxIsNeverAnError(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Water Reform", body: "The water reform passed: rates go up (again).")
            let hostile = [
                "\"", "\"unclosed phrase", "water AND OR NOT", "NEAR(water reform)", "*", "water*", "title:water",
                "{title}: water", "'; DROP TABLE posts; --", "water & reform | !rates", "(", ")", "^water", "-",
                "--", ":", "\\", "\"\" \"\"", "water:*", "<-> water", "water <2> reform", "🙂", "-water",
                "!!water", "'water'", "water:A", "NOT water", "OR", "+water", "\u{0}water", "a\"b\"c",
                String(repeating: "water ", count: 100), String(repeating: "x", count: 5000),
            ]
            for text in hostile {
                let results = try await Self.search(temp.store, text)
                #expect(results.page.items.count <= 1, "\(text)")
            }
            // Punctuation separates words, and a typed operator is only a word.
            #expect(Self.titles(try await Self.search(temp.store, "(water) reform!")) == ["Water Reform"])
            #expect(Self.titles(try await Self.search(temp.store, "water:* passed^")) == ["Water Reform"])
            #expect(try await Self.search(temp.store, "water OR nothing").page.items.isEmpty, "OR is a word")
        }
    }

    @Test(arguments: StoreKind.allCases) func pagesAreDisjointAndTiesAreNewestFirst(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            // Identical texts but for a number in the title: equal relevance, so date decides.
            _ = try await temp.store.upsertPosts(
                matchingTitles: (1...23).map { index in
                    PostInput(
                        title: "Ferry notice \(index)", authorName: "Mara Ellison",
                        markdown: "The ferry timetable changes on Monday.",
                        publishedAt: temp.clock.now().addingTimeInterval(-86_400 + Double(index) * 60))
                })
            var seen: [String] = []
            for page in 1...3 {
                let results = try await Self.search(temp.store, "timetable", page: page)
                #expect(results.page.totalItems == 23)
                #expect(results.page.items.count == (page < 3 ? 10 : 3))
                seen += Self.titles(results)
            }
            #expect(seen == (1...23).reversed().map { "Ferry notice \($0)" })
            #expect(try await Self.search(temp.store, "timetable", page: 4).page.items.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func aCommonWordIsCountedToTheCapAndRankedAmongTheNewest(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            let now = temp.clock.now()
            // More matches than the rank window: the newest are ranked, title matches first.
            var inputs = (1...SiteStore.rankWindow + 100).map { index in
                PostInput(
                    title: "Bulletin \(index)", authorName: "Mara Ellison", markdown: "The harbour opened early.",
                    publishedAt: now.addingTimeInterval(-86_400 * 30 + Double(index) * 60))
            }
            inputs.insert(
                PostInput(
                    title: "Harbour works", authorName: "Mara Ellison", markdown: "The harbour opened early.",
                    publishedAt: now.addingTimeInterval(-86_400 * 30 + 60 * 1_000)),
                at: 1_500)
            _ = try await temp.store.upsertPosts(matchingTitles: inputs)
            let first = try await Self.search(temp.store, "harbour")
            #expect(first.isCountCapped)
            #expect(first.page.totalItems == SearchResults.countLimit)
            #expect(Self.titles(first).first == "Harbour works", "the title match first")
            #expect(
                Array(Self.titles(first).dropFirst()) == (1...9).map { "Bulletin \(SiteStore.rankWindow + 101 - $0)" })
            let last = try await Self.search(temp.store, "harbour", page: SearchResults.countLimit / 10)
            #expect(last.page.items.count == 10)
        }
    }

    /// PostgreSQL keeps the index in partitions of post ids (`SearchIndex.rangeSize`, 10,000)
    /// and walks them newest first: posts far apart in id, with empty ranges between them and
    /// posts a reader may not find among them, are all found, each once, in rank order.
    @Test func thePostgresWalkCrossesIdRangesNewestFirst() async throws {
        try await TestStore.with(.postgres) { temp in
            _ = try await Self.publish(temp, "Harbour a", body: "The lighthouse keeper retired.", age: 600)
            _ = try await Self.publish(temp, "Quay notes", body: "The harbour froze over.", age: 500)
            try await Self.skipPostIDs(temp, to: 25_000)
            _ = try await Self.publish(temp, "Harbour b", body: "Ferries ran late.", age: 400)
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Harbour draft", authorName: "Mara Ellison", markdown: "Not yet.", status: .draft))
            try await Self.skipPostIDs(temp, to: 61_000)
            _ = try await Self.publish(temp, "Harbour c", body: "Cranes arrived.", age: 300)
            _ = try await temp.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Harbour soon", authorName: "Mara Ellison", markdown: "Tomorrow.",
                    publishedAt: temp.clock.now().addingTimeInterval(86_400)))
            let partitions: Int =
                try await temp.store.engine.read { db in
                    try db.value("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'post_search'::regclass")
                } ?? 0
            #expect(partitions == 3, "ranges 0, 2 and 6")
            // Each partition keeps small statistics of its five vectors (planning read them all).
            let smallStatistics: Int =
                try await temp.store.engine.read { db in
                    try db.value(
                        """
                        SELECT COUNT(*) FROM pg_attribute a JOIN pg_inherits i ON i.inhrelid = a.attrelid
                        WHERE i.inhparent = 'post_search'::regclass AND a.attstattarget = 10
                            AND a.attname IN ('vector', 'free_vector', 'pairs', 'title_vector', 'tags_vector')
                        """)
                } ?? 0
            #expect(smallStatistics == 15)
            let all = try await Self.search(temp.store, "harbour")
            #expect(all.page.totalItems == 4)
            #expect(
                Self.titles(all) == ["Harbour c", "Harbour b", "Harbour a", "Quay notes"], "titles first, newest first")
            #expect(Self.titles(try await Self.search(temp.store, "lighthouse")) == ["Harbour a"])
            let second = try await Self.search(temp.store, "harbour", page: 2, perPage: 3)
            #expect(Self.titles(second) == ["Quay notes"])
            #expect(try await Self.search(temp.store, "tomorrow").page.items.isEmpty, "scheduled, not yet public")
        }
    }

    /// A word in few posts (no more than ``SearchResults/countLimit``) is ranked by relevance
    /// over all of them, not only among the newest: the post naming it most comes first though
    /// it is the oldest. On PostgreSQL the posts lie in two ranges of ids, so the walk's second
    /// stretch must bring back every match it holds, not only its best by the window's rank.
    @Test(arguments: StoreKind.allCases) func fewMatchesAreRankedByRelevanceOverAllOfThem(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(
                temp, "Festival night",
                body: "Lantern makers, lantern sellers and a lantern parade lit the lantern square.", age: 9_000)
            for index in 0..<11 {
                _ = try await Self.publish(
                    temp, "Older street \(index)", body: "A lantern hung by the door of house \(index).",
                    age: 8_000 - Double(index) * 10)
            }
            if kind == .postgres { try await Self.skipPostIDs(temp, to: 25_000) }
            for index in 0..<12 {
                _ = try await Self.publish(
                    temp, "Newer street \(index)", body: "A lantern hung by the gate of yard \(index).",
                    age: 100 - Double(index))
            }
            let results = try await Self.search(temp.store, "lantern")
            #expect(results.page.totalItems == 24)
            #expect(Self.titles(results).first == "Festival night")
        }
    }

    /// PostgreSQL's index keeps each post's status, date and visibility, which its search reads
    /// instead of `posts`: a trigger copies them on every change, whatever wrote it, here
    /// plain SQL that no store code sees.
    @Test func thePostgresIndexKeepsPublicationInStepWithPosts() async throws {
        try await TestStore.with(.postgres) { temp in
            let saved = try await Self.publish(temp, "Harbour light", body: "The keeper retired.")
            let id = saved.id
            let now = temp.clock.now()
            func set(_ assignment: SQL) async throws {
                try await temp.store.engine.write { db in
                    try db.execute("UPDATE posts SET " + assignment + " WHERE id = \(id)")
                }
            }
            func inStep() async throws -> Bool {
                try await temp.store.engine.read { db in
                    try db.value(
                        """
                        SELECT COUNT(*) = 1 FROM posts p JOIN post_search s ON s.post_id = p.id
                        WHERE s.status = p.status AND s.published_at IS NOT DISTINCT FROM p.published_at
                            AND s.visibility = p.visibility
                        """)
                } ?? false
            }
            #expect(try await inStep())
            #expect(Self.titles(try await Self.search(temp.store, "keeper")) == ["Harbour light"])
            try await set("status = 'draft'")
            #expect(try await inStep())
            #expect(try await Self.search(temp.store, "keeper").page.items.isEmpty, "a draft")
            try await set("status = 'published', published_at = \(now.addingTimeInterval(86_400))")
            #expect(try await inStep())
            #expect(try await Self.search(temp.store, "keeper").page.items.isEmpty, "not yet public")
            try await set("published_at = \(now.addingTimeInterval(-86_400)), visibility = 'paid'")
            #expect(try await inStep())
            // A paid post's body is gated: the anonymous reader finds its title only.
            #expect(try await Self.search(temp.store, "keeper").page.items.isEmpty, "gated text")
            #expect(Self.titles(try await Self.search(temp.store, "harbour")) == ["Harbour light"])
            #expect(Self.titles(try await Self.search(temp.store, "keeper", as: .staff)) == ["Harbour light"])
        }
    }

    @Test(arguments: StoreKind.allCases) func theIndexFollowsEveryWrite(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let authorID = try await store.engine.write { db in
                try db.insertReturningID(
                    """
                    INSERT INTO authors (name, name_key, slug, created_at, updated_at)
                    VALUES ('Ana Ruiz', 'ana ruiz', 'ana-ruiz', \(temp.clock.now()), \(temp.clock.now()))
                    """)
            }
            let created = try await store.createPost(
                PostDraft(title: "Lighthouse repairs", markdown: "Engineers inspected the lamp.", authorID: authorID),
                savedBy: nil)
            let id = created.post.id
            #expect(try await Self.search(store, "lighthouse").page.items.isEmpty, "a draft is not found")
            #expect(try await Self.search(store, "lighthouse", as: .staff).page.items.isEmpty, "not even by staff")
            _ = try await store.setPublication(
                postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(Self.titles(try await Self.search(store, "lamp")) == ["Lighthouse repairs"])

            _ = try await store.updatePost(
                id: id,
                PostDraft(
                    title: "Lighthouse repairs", markdown: "Engineers replaced the lens.", tagNames: ["Coast"],
                    authorID: authorID),
                expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
            #expect(try await Self.search(store, "lamp").page.items.isEmpty, "the old text is gone")
            #expect(Self.titles(try await Self.search(store, "lens")) == ["Lighthouse repairs"])
            #expect(Self.titles(try await Self.search(store, "coast")) == ["Lighthouse repairs"], "tags are searched")
            // Renaming a tag indexes its posts again; so does deleting it.
            let coast = try #require(try await store.allTags().first { $0.tag.name == "Coast" }).tag
            _ = try await store.updateTag(id: coast.id, name: "Shoreline", slug: coast.slug, description: "")
            #expect(try await Self.search(store, "coast").page.items.isEmpty, "the old tag name is gone")
            #expect(Self.titles(try await Self.search(store, "shoreline")) == ["Lighthouse repairs"])
            _ = try await store.deleteTag(id: coast.id)
            #expect(try await Self.search(store, "shoreline").page.items.isEmpty, "a deleted tag is gone")
            #expect(Self.titles(try await Self.search(store, "lens")) == ["Lighthouse repairs"])

            let snapshot = try await store.snapshot()
            _ = try await store.setPublication(postID: id, .unpublish, expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await Self.search(store, "lens").page.items.isEmpty, "unpublished")
            _ = try await store.setPublication(
                postID: id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(Self.titles(try await Self.search(store, "lens")) == ["Lighthouse repairs"])

            _ = try await store.deletePost(id: id)
            #expect(try await Self.search(store, "lens").page.items.isEmpty, "deleted")
            let orphans: Int =
                try await store.engine.read { db in try db.value("SELECT COUNT(*) FROM post_search") } ?? -1
            #expect(orphans == 0)

            try await store.restore(snapshot, replacing: true)
            #expect(Self.titles(try await Self.search(store, "lens")) == ["Lighthouse repairs"], "restored")

            // The importer's path (upsert by title) updates the index too.
            _ = try await store.upsertPost(
                matchingTitle: PostInput(
                    title: "Lighthouse repairs", authorName: "Ana Ruiz", markdown: "Divers checked the foundations."))
            #expect(try await Self.search(store, "lens").page.items.isEmpty)
            #expect(Self.titles(try await Self.search(store, "divers")) == ["Lighthouse repairs"])
        }
    }

    @Test(arguments: StoreKind.allCases) func theMigrationIndexesPostsSavedBeforeIt(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.publish(temp, "Old Story", body: "The orchard flooded in spring.")
            // As if the post predated the index: its entry gone, then the store opened again.
            try await temp.store.engine.write { db in try db.execute("DELETE FROM post_search") }
            #expect(try await Self.search(temp.store, "orchard").page.items.isEmpty)
            switch kind {
            case .postgres:
                #expect(try await SiteStore.indexPostsForSearch(in: temp.store.engine) == 1)
            case .sqlite:
                try await temp.store.engine.write { db in
                    try db.execute(
                        "DELETE FROM grdb_migrations WHERE identifier IN ('v10-search', 'v11-search-pairs')")
                    try db.execute("DROP TABLE post_search")
                    try db.execute("DROP INDEX posts_search_gate")
                }
            }
            let reopened = try await temp.openAnother()
            #expect(Self.titles(try await Self.search(reopened, "orchard")) == ["Old Story"])
        }
    }
}
