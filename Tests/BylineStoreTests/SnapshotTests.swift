import BylineCore
import BylineTestSupport
import Foundation
import Testing

@testable import BylineStore

@Suite struct SnapshotTests {
    static let pairs: [(StoreKind, StoreKind)] = [
        (.sqlite, .postgres), (.postgres, .sqlite), (.sqlite, .sqlite), (.postgres, .postgres),
    ]

    /// A site with every kind of row: settings, authors, tags, posts in all states, redirects.
    static func fill(_ store: any Store, now: Date) async throws -> Int64 {
        try await store.saveSettings(SiteSettings(title: "Scoop Hub", description: "News", footerNote: "Fiction."))
        let first = try await store.upsertPost(
            matchingTitle: input(
                "Peace Talks", author: "Abiola", tags: ["Europe", "Diplomacy"],
                body: "One.\n\n::read-also[Later Story]\n\nTwo ’quoted’ <b>."))
        _ = try await store.upsertPost(matchingTitle: input("Later Story", tags: ["Europe"], publishedAt: now - 60))
        _ = try await store.upsertPost(matchingTitle: input("A Draft", status: .draft))
        _ = try await store.upsertPost(matchingTitle: input("Embargoed", publishedAt: now + 3600))
        _ = try await store.changeSlug(postID: first.id, to: "istanbul-talks")
        let daily = try await store.createNewsletter(NewsletterInput(name: "Daily Briefing", sortOrder: 1))
        _ = try await store.createNewsletter(NewsletterInput(name: "Weekend", active: false))
        let reader = try await store.requestSignup(email: "Reader@News.example", newsletterIDs: [daily.id])
        _ = try await store.confirmMember(id: reader.memberID)
        _ = try await store.requestSignup(email: "pending@news.example")
        return first.id
    }

    @Test(arguments: pairs)
    func aSiteCopiesRowForRowWithTheSameChecksum(from: StoreKind, to: StoreKind) async throws {
        try await TestStore.with(from) { source in
            let movedID = try await Self.fill(source.store, now: source.clock.now())
            let original = try await source.store.snapshot()
            #expect(original.rows(of: "posts").count == 4)
            #expect(original.rows(of: "slug_redirects").count == 1)
            #expect(original.rows(of: "members").count == 2)
            #expect(original.rows(of: "member_newsletters").count == 2)
            #expect(original.tables.map(\.name) == SnapshotTables.all.map(\.name))
            try await TestStore.with(to) { target in
                try await target.store.restore(original, replacing: false)
                let copy = try await target.store.snapshot()
                #expect(copy.rowCounts.map(\.rows) == original.rowCounts.map(\.rows))
                #expect(copy.checksum() == original.checksum())
                // The copy behaves like the original: same URLs, redirects, settings.
                #expect(try await target.store.settings().title == "Scoop Hub")
                #expect(try await target.store.publicPost(slug: "peace-talks") == .moved(to: "istanbul-talks"))
                guard case .found(let post) = try await target.store.publicPost(slug: "istanbul-talks") else {
                    Issue.record("copied post not found")
                    return
                }
                #expect(post.id == movedID)
                #expect(post.tags.map(\.slug) == ["europe", "diplomacy"])
                // New rows continue after the copied ids.
                let next = try await target.store.upsertPost(matchingTitle: input("After The Copy", tags: ["Europe"]))
                #expect(next.id > Int64(original.rows(of: "posts").count))
                #expect(try await target.store.postCount() == 5)
                // Counts kept on write are counted again after a copy.
                #expect(try await target.store.publicTags(limit: 10).map(\.postCount) == [3, 1])
                // Members and their choices come along; new members continue after them.
                let reader = try #require(try await target.store.member(email: "reader@news.example"))
                #expect(reader.status == .confirmed)
                #expect(reader.newsletterIDs.count == 1)
                let newcomer = try await target.store.requestSignup(email: "new@news.example")
                #expect(newcomer.memberID > Int64(original.rows(of: "members").count))
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStoreWithContentIsNotOverwrittenUnlessAsked(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            _ = try await Self.fill(temp.store, now: temp.clock.now())
            let before = try await temp.store.snapshot()
            let other = SiteSnapshot(tables: [
                .init(name: "settings", rows: [[.text("title"), .text("Other")]])
            ])
            await #expect(throws: StoreError.notEmpty("the target store")) {
                try await temp.store.restore(other, replacing: false)
            }
            #expect(try await temp.store.snapshot().checksum() == before.checksum())
            try await temp.store.restore(other, replacing: true)
            let after = try await temp.store.snapshot()
            #expect(after.rows(of: "posts").isEmpty)
            #expect(after.rows(of: "settings") == [[.text("title"), .text("Other")]])
        }
    }

    @Test func checksumsSeeEveryValue() {
        let date = Date(timeIntervalSince1970: 1_780_000_000.1234)
        let a = SiteSnapshot(tables: [
            .init(name: "authors", rows: [[.integer(1), .text("N"), .null, .date(date)]])
        ])
        var b = a
        #expect(a.checksum() == b.checksum())
        #expect(a.checksum().count == 64)
        b.tables[0].rows[0][1] = .text("x")
        #expect(a.checksum() != b.checksum())
        var c = a
        c.tables[0].rows[0][3] = .date(date.addingTimeInterval(0.0001))  // below a millisecond: engines differ here
        #expect(a.checksum() == c.checksum())
        var d = a
        d.tables[0].rows[0][2] = .text("")  // NULL is not the empty text
        #expect(a.checksum() != d.checksum())
        var e = a
        e.tables[0].name = "tags"  // the same rows in another table
        #expect(a.checksum() != e.checksum())
    }

    /// A table added to the list is copied by both engines' snapshot and restore, so nothing
    /// engine-specific can leave it out; and a table in the schema but in neither list stops a
    /// copy instead of being lost.
    @Test(arguments: pairs)
    func aTableAddedToTheListIsCopied(from: StoreKind, to: StoreKind) async throws {
        let extra = SnapshotTable(
            "extra_notes", orderBy: "id", serialID: true,
            [.init("id", .integer), .init("note", .text), .init("at", .date, nullable: true)])
        let tables = SnapshotTables.all + [extra]
        let create: SQL = """
            CREATE TABLE extra_notes (id \(sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT", postgres: "BIGSERIAL PRIMARY KEY"),
                note TEXT NOT NULL, at \(sqlite: "TEXT", postgres: "TIMESTAMPTZ"))
            """
        try await TestStore.with(from) { source in
            _ = try await Self.fill(source.store, now: source.clock.now())
            try await source.store.engine.write { db in
                try db.execute(create)
                try db.execute(
                    "INSERT INTO extra_notes (note, at) VALUES ('kept', \(Date(timeIntervalSince1970: 1e9)))")
                try db.execute("INSERT INTO extra_notes (note, at) VALUES ('also', NULL)")
            }
            // Unlisted, the table stops the copy.
            await #expect(throws: StoreError.self) { try await source.store.snapshot() }
            let original = try await source.store.snapshot(of: tables)
            #expect(original.rows(of: "extra_notes").count == 2)
            try await TestStore.with(to) { target in
                try await target.store.engine.write { db in try db.execute(create) }
                try await target.store.restore(original, into: tables, replacing: false)
                let copy = try await target.store.snapshot(of: tables)
                #expect(copy.rows(of: "extra_notes") == original.rows(of: "extra_notes"))
                #expect(copy.checksum() == original.checksum())
            }
        }
    }
}
