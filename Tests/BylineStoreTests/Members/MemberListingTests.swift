import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The admin's list of members: newest first, filtered, searched and paged, with totals.
@Suite struct MemberListingTests {
    @Test(arguments: StoreKind.allCases) func filtersSearchPagesAndTotals(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            // 23 members: every third confirmed; even ones on the daily briefing, the rest on
            // breaking news; names on some.
            var ids: [Int64] = []
            for number in 1...23 {
                let chosen = number % 2 == 0 ? daily.id : breaking.id
                let outcome = try await store.requestSignup(
                    email: "reader\(number)@news.example", newsletterIDs: [chosen])
                if number % 3 == 0 { _ = try await store.confirmMember(id: outcome.memberID) }
                if number == 7 { _ = try await store.updateMember(id: outcome.memberID, name: "Zoë Müller") }
                if number == 8 { _ = try await store.updateMember(id: outcome.memberID, name: "100% Reader") }
                ids.append(outcome.memberID)
                temp.clock.advance(by: 1)
            }
            let newestFirst = Array(ids.reversed())

            let first = try await store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 10))
            #expect(first.totalItems == 23)
            #expect(first.totalPages == 3)
            #expect(first.items.map(\.id) == Array(newestFirst[0..<10]))
            let last = try await store.memberListing(MemberFilter(), PageRequest(number: 3, perPage: 10))
            #expect(last.items.map(\.id) == Array(newestFirst[20..<23]))
            let beyond = try await store.memberListing(MemberFilter(), PageRequest(number: 4, perPage: 10))
            #expect(beyond.items.isEmpty)
            #expect(beyond.totalItems == 23)

            let confirmed = try await store.memberListing(
                MemberFilter(status: .confirmed), PageRequest(number: 1, perPage: 5))
            #expect(confirmed.totalItems == 7)
            #expect(confirmed.items.map(\.email) == [21, 18, 15, 12, 9].map { "reader\($0)@news.example" })
            #expect(confirmed.items.allSatisfy { $0.status == .confirmed })

            let onDaily = try await store.memberListing(
                MemberFilter(newsletterID: daily.id), PageRequest(number: 2, perPage: 4))
            #expect(onDaily.totalItems == 11)
            #expect(onDaily.items.map(\.email) == [14, 12, 10, 8].map { "reader\($0)@news.example" })
            #expect(onDaily.items.allSatisfy { $0.newsletterIDs == [daily.id] })
            let confirmedOnBreaking = try await store.memberListing(
                MemberFilter(status: .confirmed, newsletterID: breaking.id), PageRequest(number: 1, perPage: 10))
            #expect(confirmedOnBreaking.items.map(\.email) == [21, 15, 9, 3].map { "reader\($0)@news.example" })

            // Search: parts of the address or of the name, in any case; every word must match.
            let byAddress = try await store.memberListing(
                MemberFilter(search: "READER2"), PageRequest(number: 1, perPage: 10))
            #expect(byAddress.items.map(\.email) == [23, 22, 21, 20, 2].map { "reader\($0)@news.example" })
            let byName = try await store.memberListing(MemberFilter(search: "zoë"), PageRequest(number: 1, perPage: 10))
            #expect(byName.items.map(\.name) == ["Zoë Müller"])
            let twoWords = try await store.memberListing(
                MemberFilter(search: "müller reader7"), PageRequest(number: 1, perPage: 10))
            #expect(twoWords.totalItems == 1)
            // A % is a letter to search for, not a wildcard.
            let percent = try await store.memberListing(
                MemberFilter(search: "100%"), PageRequest(number: 1, perPage: 10))
            #expect(percent.items.map(\.name) == ["100% Reader"])
            let nothing = try await store.memberListing(
                MemberFilter(search: "nobody", status: .pending), PageRequest(number: 1, perPage: 10))
            #expect(nothing.items.isEmpty)
            #expect(nothing.totalItems == 0)
        }
    }
}
