import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Who a newsletter goes to: confirmed subscribers whose mail arrives, each exactly once when
/// a sender walks them in batches.
@Suite struct NewsletterDeliveryTests {
    @Test(arguments: StoreKind.allCases) func aKeysetWalkReachesEveryConfirmedSubscriberOnce(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            var expected: [Int64] = []
            for number in 1...60 {
                let email = "reader\(number)@news.example"
                let signup = try await store.requestSignup(
                    email: email, newsletterIDs: number % 10 == 1 ? [breaking.id] : [])
                switch number % 10 {
                case 1: _ = try await store.confirmMember(id: signup.memberID)  // breaking news only
                case 2: break  // never confirmed
                case 3:  // left the daily briefing
                    _ = try await store.confirmMember(id: signup.memberID)
                    try await store.unsubscribe(memberID: signup.memberID, newsletterID: daily.id)
                case 4:  // the mailbox is gone
                    _ = try await store.confirmMember(id: signup.memberID)
                    for _ in 0..<Member.hardBounceLimit {
                        _ = try await store.recordHardBounce(memberID: signup.memberID)
                    }
                case 5:  // left everything
                    _ = try await store.confirmMember(id: signup.memberID)
                    try await store.unsubscribe(memberID: signup.memberID, newsletterID: nil)
                default:
                    _ = try await store.confirmMember(id: signup.memberID)
                    expected.append(signup.memberID)
                }
            }
            #expect(expected.count == 30)
            #expect(try await store.confirmedSubscriberCount(newsletterID: daily.id) == 30)
            // Breaking news: numbers 1 (chose it), 3 (kept it), 6–10 of each ten; not 2, 4, 5.
            #expect(try await store.confirmedSubscriberCount(newsletterID: breaking.id) == 42)

            var walked: [NewsletterRecipient] = []
            var after: Int64 = 0
            while true {
                let batch = try await store.confirmedSubscribers(newsletterID: daily.id, afterID: after, limit: 7)
                guard let last = batch.last else { break }
                #expect(batch.count <= 7)
                walked += batch
                after = last.memberID
            }
            #expect(walked.map(\.memberID) == expected)
            #expect(Set(walked.map(\.email)).count == expected.count)
            #expect(walked.first?.email == "reader6@news.example")
            #expect(try await store.confirmedSubscribers(newsletterID: 999, afterID: 0, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func mailStopsAfterThreeHardBounces(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, _) = try await MemberFixtures.newsletters(store)
            let member = try await MemberFixtures.confirmed(store, "gone@news.example")
            #expect(member.receivesNewsletters)
            for bounce in 1..<Member.hardBounceLimit {
                let bounced = try #require(try await store.recordHardBounce(memberID: member.id))
                #expect(bounced.hardBounces == bounce)
                #expect(!bounced.emailDisabled)
            }
            #expect(try await store.confirmedSubscriberCount(newsletterID: daily.id) == 1)
            let disabled = try #require(try await store.recordHardBounce(memberID: member.id))
            #expect(disabled.hardBounces == Member.hardBounceLimit)
            #expect(disabled.emailDisabled)
            #expect(!disabled.receivesNewsletters)
            #expect(try await store.confirmedSubscriberCount(newsletterID: daily.id) == 0)
            // A bounce for a member deleted meanwhile is no error.
            try await store.deleteMember(id: member.id)
            #expect(try await store.recordHardBounce(memberID: member.id) == nil)
        }
    }
}
