import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Member import and the export's walk, on both engines: new addresses added, existing ones
/// left as they are, consent decides the status, newsletters as the rows say.
@Suite struct MemberImportTests {
    @Test(arguments: StoreKind.allCases) func addsNewSkipsExistingAndKeepsTheirStatus(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            // Already on file: a pending signup with a name of their own, a confirmed one without.
            let pending = try await store.requestSignup(email: "pending@news.example", newsletterIDs: [daily.id])
            _ = try await store.updateMember(id: pending.memberID, name: "Own Name")
            let confirmed = try await MemberFixtures.confirmed(
                store, "Confirmed@news.example", newsletterIDs: [daily.id])

            let rows = [
                MemberImportRow(line: 2, email: "new.one@Example.COM", name: "New One"),
                MemberImportRow(line: 3, email: "PENDING@news.example", name: "File Name", newsletterSlugs: []),
                MemberImportRow(line: 4, email: "confirmed@news.example", name: "Filled In"),
                MemberImportRow(line: 5, email: "held@example.com", status: .pending),
                MemberImportRow(line: 6, email: "not an address"),
                MemberImportRow(line: 7, email: "new.one@example.com", name: "Twice"),
                MemberImportRow(line: 8, email: "breaking@example.com", newsletterSlugs: [breaking.slug]),
            ]
            let result = try await store.importMembers(rows, confirmed: true)
            #expect(result.added == 3)
            #expect(result.existing == 2)
            #expect(result.namesFilled == 1)
            #expect(result.problems.map(\.line) == [6, 7])
            #expect(result.problems.last?.reason == .duplicate(firstLine: 2))

            let newOne = try #require(try await store.member(email: "new.one@example.com"))
            #expect(newOne.email == "new.one@example.com")
            #expect(newOne.name == "New One")
            #expect(newOne.status == .confirmed)
            #expect(newOne.confirmedAt != nil)
            // No newsletters column: every active newsletter, in the site's order.
            #expect(newOne.newsletterIDs == [daily.id, breaking.id])
            let held = try #require(try await store.member(email: "held@example.com"))
            #expect(held.status == .pending)
            #expect(held.confirmedAt == nil)
            let onBreaking = try #require(try await store.member(email: "breaking@example.com"))
            #expect(onBreaking.newsletterIDs == [breaking.id])

            // Existing members keep status, newsletters and a name they chose.
            let stillPending = try #require(try await store.member(id: pending.memberID))
            #expect(stillPending.status == .pending)
            #expect(stillPending.name == "Own Name")
            #expect(stillPending.newsletterIDs == [daily.id])
            let stillConfirmed = try #require(try await store.member(id: confirmed.id))
            #expect(stillConfirmed.name == "Filled In")
            #expect(stillConfirmed.newsletterIDs == [daily.id])
            #expect(stillConfirmed.confirmedAt == confirmed.confirmedAt)

            // Importing again adds nobody.
            let again = try await store.importMembers(rows, confirmed: true)
            #expect(again.added == 0)
            #expect(again.existing == 5)
            #expect(again.namesFilled == 0)
            let all = try await store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 50))
            #expect(all.totalItems == 5)
        }
    }

    @Test(arguments: StoreKind.allCases) func withoutConsentEveryNewMemberIsPending(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, _) = try await MemberFixtures.newsletters(store)
            let result = try await store.importMembers(
                [
                    MemberImportRow(line: 2, email: "a@example.com", status: .confirmed),
                    MemberImportRow(line: 3, email: "b@example.com", newsletterSlugs: [daily.slug]),
                ], confirmed: false)
            #expect(result.added == 2)
            let page = try await store.memberListing(
                MemberFilter(status: .pending), PageRequest(number: 1, perPage: 10))
            #expect(page.items.map(\.email) == ["b@example.com", "a@example.com"])
            #expect(page.items.allSatisfy { $0.confirmedAt == nil })
            // Pending members are subscribed (as a signup is) but nothing is delivered to them.
            #expect(page.items.first?.newsletterIDs == [daily.id])
            #expect(try await store.confirmedSubscriberCount(newsletterID: daily.id) == 0)
        }
    }

    /// 2,500 rows: three transactions, ids in file order, subscriptions for every new member;
    /// then the export's walk and the list's filters over them.
    @Test(arguments: StoreKind.allCases) func batchesAndTheExportWalk(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let rows = (1...2_500).map { number in
                MemberImportRow(
                    line: number + 1, email: "reader\(number)@example.com",
                    name: number % 10 == 0 ? "Tenth \(number)" : "",
                    newsletterSlugs: number % 2 == 0 ? [daily.slug] : [daily.slug, breaking.slug],
                    status: number % 5 == 0 ? .pending : nil)
            }
            let result = try await store.importMembers(rows, confirmed: true)
            #expect(result.added == 2_500)
            #expect(result.problems.isEmpty)
            #expect(try await store.confirmedSubscriberCount(newsletterID: daily.id) == 2_000)
            #expect(try await store.confirmedSubscriberCount(newsletterID: breaking.id) == 1_000)

            let first = try await store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 3))
            #expect(first.totalItems == 2_500)
            #expect(
                first.items.map(\.email) == [
                    "reader2500@example.com", "reader2499@example.com", "reader2498@example.com",
                ])
            let pendingOnBreaking = try await store.memberListing(
                MemberFilter(status: .pending, newsletterID: breaking.id), PageRequest(number: 2, perPage: 2))
            #expect(pendingOnBreaking.totalItems == 250)
            #expect(pendingOnBreaking.items.map(\.email) == ["reader2475@example.com", "reader2465@example.com"])
            let searched = try await store.memberListing(
                MemberFilter(search: "TENTH 249"), PageRequest(number: 1, perPage: 50))
            #expect(searched.items.map(\.name) == ["Tenth 2490"])

            // The walk: every member once, newest first, in batches.
            var seen: [String] = []
            var beforeID: Int64?
            while true {
                let batch = try await store.membersForExport(
                    MemberFilter(newsletterID: breaking.id), beforeID: beforeID, limit: 300)
                seen += batch.map(\.email)
                guard batch.count == 300, let last = batch.last else { break }
                beforeID = last.id
            }
            #expect(seen.count == 1_250)
            #expect(Set(seen).count == 1_250)
            #expect(seen.first == "reader2499@example.com")
            #expect(seen.last == "reader1@example.com")

            let names = try await store.memberNames(emailKeys: [
                "reader10@example.com", "reader11@example.com", "nobody@example.com",
            ])
            #expect(names == ["reader10@example.com": "Tenth 10", "reader11@example.com": ""])
        }
    }

    @Test(arguments: StoreKind.allCases) func filtersByStoppedMail(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            _ = try await MemberFixtures.newsletters(store)
            _ = try await store.importMembers(
                (1...4).map { MemberImportRow(line: $0 + 1, email: "m\($0)@example.com") }, confirmed: true)
            let bouncing = try #require(try await store.member(email: "m2@example.com"))
            for _ in 0..<Member.hardBounceLimit { _ = try await store.recordHardBounce(memberID: bouncing.id) }
            let stopped = try await store.memberListing(
                MemberFilter(emailDisabled: true), PageRequest(number: 1, perPage: 10))
            #expect(stopped.items.map(\.email) == ["m2@example.com"])
            #expect(stopped.items.first?.hardBounces == Member.hardBounceLimit)
            let delivered = try await store.memberListing(
                MemberFilter(emailDisabled: false), PageRequest(number: 1, perPage: 10))
            #expect(delivered.items.map(\.email) == ["m4@example.com", "m3@example.com", "m1@example.com"])
            let exported = try await store.membersForExport(MemberFilter(emailDisabled: true), beforeID: nil, limit: 10)
            #expect(exported.map(\.email) == ["m2@example.com"])
        }
    }

    @Test(arguments: StoreKind.allCases) func exportWritesWhatAnImportReadsBack(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            _ = try await store.importMembers(
                [
                    MemberImportRow(
                        line: 2, email: "quote@example.com", name: "Ann \"Scoop\", Jr.",
                        newsletterSlugs: [daily.slug, breaking.slug]),
                    MemberImportRow(
                        line: 3, email: "formula@example.com", name: "=HYPERLINK(\"http://evil\")", newsletterSlugs: []),
                ], confirmed: true)
            var text = ""
            try await MemberExport.write(store) { text += $0 }
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0] == "email,name,status,newsletters,created_at,confirmed_at")
            #expect(lines[1].hasPrefix("formula@example.com,\"'=HYPERLINK(\"\"http://evil\"\")\",confirmed,,"))
            #expect(
                lines[2].hasPrefix(
                    "quote@example.com,\"Ann \"\"Scoop\"\", Jr.\",confirmed,daily-briefing;breaking-news,"))

            let read = try MemberImport(text, newsletters: try await store.newsletters(includingInactive: true))
            #expect(read.problems.isEmpty)
            #expect(read.ignoredColumns == ["created_at", "confirmed_at"])
            #expect(read.rows.map(\.name) == ["=HYPERLINK(\"http://evil\")", "Ann \"Scoop\", Jr."])
            #expect(read.rows.map(\.newsletterSlugs) == [[], ["daily-briefing", "breaking-news"]])
        }
    }
}
