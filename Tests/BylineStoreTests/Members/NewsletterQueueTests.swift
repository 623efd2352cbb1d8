import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// The newsletter delivery queue on both engines: publishing with "send by email" queues one
/// send job; a send queues one delivery per confirmed subscriber, once; claims lease, results
/// are fenced by the lease holder, temporary failures retry with backoff, hard bounces count.
@Suite struct NewsletterQueueTests {
    static let lease: Duration = .seconds(30)

    /// A live post and a send of it to `newsletter`, with deliveries queued.
    static func send(_ store: SiteStore, _ newsletter: Newsletter, title: String = "Sent Story") async throws
        -> (NewsletterSend, Int)
    {
        let post = try await store.upsertPost(matchingTitle: input(title))
        let send = try await store.createNewsletterSend(
            postID: post.id, newsletterID: newsletter.id, subject: title, html: "<p>Hi</p>", text: "Hi",
            siteURL: "https://news.example")
        return (send, try await store.enqueueDeliveries(sendID: send.id))
    }

    @Test(arguments: StoreKind.allCases) func publishingWithAnEmailChoiceQueuesOneSendJobEver(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let post = try await store.upsertPost(matchingTitle: input("Draft Story", status: .draft))
            // A plain publish queues nothing.
            let plain = try await store.upsertPost(matchingTitle: input("Plain Story", status: .draft))
            _ = try await store.setPublication(
                postID: plain.id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await store.claim(worker: "w", kinds: [NewsletterSendJob.kind], lease: Self.lease) == nil)

            _ = try await store.setPublication(
                postID: post.id, .publish(at: nil), email: .newsletter(id: daily.id), expectedUpdatedAt: nil,
                savedBy: nil)
            #expect(try await store.emailNewsletterID(postID: post.id) == daily.id)
            let job = try #require(
                try await store.claim(worker: "w", kinds: [NewsletterSendJob.kind], lease: Self.lease))
            let payload = try JSONDecoder().decode(NewsletterSendJob.Payload.self, from: Data(job.payload.utf8))
            #expect(payload == .init(postID: post.id, newsletterID: daily.id))

            // Taken down before the job ran, then published with email again: the job runs again.
            #expect(try await store.complete(jobID: job.id, worker: "w"))
            _ = try await store.setPublication(postID: post.id, .unpublish, expectedUpdatedAt: nil, savedBy: nil)
            _ = try await store.setPublication(
                postID: post.id, .publish(at: nil), email: .newsletter(id: daily.id), expectedUpdatedAt: nil,
                savedBy: nil)
            let again = try #require(
                try await store.claim(worker: "w", kinds: [NewsletterSendJob.kind], lease: Self.lease))
            #expect(again.id == job.id)
            // Once it made the send: taken down and put back up, no second job.
            _ = try await store.createNewsletterSend(
                postID: post.id, newsletterID: daily.id, subject: "s", html: "h", text: "t",
                siteURL: "https://news.example")
            #expect(try await store.complete(jobID: job.id, worker: "w"))
            _ = try await store.setPublication(postID: post.id, .unpublish, expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await store.emailNewsletterID(postID: post.id) == nil)
            _ = try await store.setPublication(postID: post.id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await store.jobCounts()[.queued] == 0)

            // Once emailed, naming the newsletter it went to is no change (and queues nothing);
            // another newsletter is refused with a clear reason.
            _ = try await store.setPublication(
                postID: post.id, .publish(at: nil), email: .newsletter(id: daily.id), expectedUpdatedAt: nil,
                savedBy: nil)
            #expect(try await store.jobCounts()[.queued] == 0)
            await #expect(throws: StoreError.self) {
                _ = try await store.setPublication(
                    postID: post.id, .publish(at: nil), email: .newsletter(id: breaking.id), expectedUpdatedAt: nil,
                    savedBy: nil)
            }
            // An unknown newsletter is refused and nothing changes.
            let other = try await store.upsertPost(matchingTitle: input("Other Story", status: .draft))
            await #expect(throws: StoreError.self) {
                _ = try await store.setPublication(
                    postID: other.id, .publish(at: nil), email: .newsletter(id: 9999), expectedUpdatedAt: nil,
                    savedBy: nil)
            }
            #expect(try await store.post(id: other.id)?.status == .draft)
        }
    }

    @Test(arguments: StoreKind.allCases) func aScheduledPostIsEmailedWhenItGoesLive(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (_, breaking) = try await MemberFixtures.newsletters(store)
            let post = try await store.upsertPost(matchingTitle: input("Later Story", status: .draft))
            _ = try await store.setPublication(
                postID: post.id, .schedule(at: temp.clock.now().addingTimeInterval(600)),
                email: .newsletter(id: breaking.id), expectedUpdatedAt: nil, savedBy: nil)
            #expect(try await store.jobCounts()[.queued] == 0)
            temp.clock.advance(by: 601)
            #expect(try await store.publishDuePosts() == [post.id])
            let job = try #require(
                try await store.claim(worker: "w", kinds: [NewsletterSendJob.kind], lease: Self.lease))
            #expect(job.payload.contains("\(breaking.id)"))
        }
    }

    @Test(arguments: StoreKind.allCases) func deliveriesGoToConfirmedSubscribersOnceEach(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let subscribers = [
                try await MemberFixtures.confirmed(store, "a@news.example"),
                try await MemberFixtures.confirmed(store, "b@news.example", newsletterIDs: [daily.id]),
            ]
            _ = try await MemberFixtures.confirmed(store, "other@news.example", newsletterIDs: [breaking.id])
            _ = try await store.requestSignup(email: "pending@news.example")
            let bouncing = try await MemberFixtures.confirmed(store, "gone@news.example")
            for _ in 0..<Member.hardBounceLimit { _ = try await store.recordHardBounce(memberID: bouncing.id) }

            let (send, enqueued) = try await Self.send(store, daily)
            #expect(enqueued == 2)
            #expect(try await store.enqueueDeliveries(sendID: send.id) == 0)
            // The same post to the other newsletter reaches only who has not had it.
            let again = try await store.createNewsletterSend(
                postID: send.postID, newsletterID: breaking.id, subject: "x", html: "x", text: "x",
                siteURL: "https://news.example")
            #expect(try await store.enqueueDeliveries(sendID: again.id) == 1)
            // A member who joins later is added by the next run.
            _ = try await MemberFixtures.confirmed(store, "late@news.example")
            #expect(try await store.enqueueDeliveries(sendID: send.id) == 1)
            #expect(try await store.deliveryProgress(sendID: send.id).queued == 3)
            // Rendered once: a second create returns the first content.
            let same = try await store.createNewsletterSend(
                postID: send.postID, newsletterID: daily.id, subject: "changed", html: "changed", text: "changed",
                siteURL: "https://news.example")
            #expect(same == send)

            let claimed = try await store.claimDeliveries(worker: "w1", limit: 10, lease: Self.lease)
            #expect(Set(claimed.filter { $0.sendID == send.id }.map(\.email)).isSuperset(of: subscribers.map(\.email)))
            #expect(claimed.allSatisfy { $0.attempts == 1 })
            #expect(try await store.claimDeliveries(worker: "w2", limit: 10, lease: Self.lease).isEmpty)
            // Only the holder records.
            #expect(try await store.recordDeliveries(claimed.map { .sent(deliveryID: $0.id) }, worker: "w2") == 0)
            #expect(try await store.recordDeliveries(claimed.map { .sent(deliveryID: $0.id) }, worker: "w1") == 4)
            let progress = try await store.deliveryProgress(sendID: send.id)
            #expect(progress.sent == 3 && progress.isFinished)
            #expect(try await store.recentNewsletterSends(limit: 10).map(\.id) == [again.id, send.id])
        }
    }

    @Test(arguments: StoreKind.allCases) func anExpiredLeaseIsTakenOverAndTheOldHolderIsFencedOut(
        _ kind: StoreKind
    ) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, _) = try await MemberFixtures.newsletters(store)
            _ = try await MemberFixtures.confirmed(store, "a@news.example")
            _ = try await Self.send(store, daily)
            let first = try await store.claimDeliveries(worker: "dead", limit: 10, lease: .seconds(30))
            #expect(first.count == 1)
            // Extending works while held.
            #expect(
                try await store.extendDeliveryLeases(ids: first.map(\.id), worker: "dead", lease: .seconds(30))
                    == Set(first.map(\.id)))
            temp.clock.advance(by: 20)
            #expect(try await store.claimDeliveries(worker: "live", limit: 10, lease: .seconds(30)).isEmpty)
            temp.clock.advance(by: 11)
            let taken = try await store.claimDeliveries(worker: "live", limit: 10, lease: .seconds(30))
            #expect(taken.map(\.id) == first.map(\.id))
            #expect(taken.first?.attempts == 2)
            #expect(
                try await store.extendDeliveryLeases(ids: first.map(\.id), worker: "dead", lease: .seconds(30))
                    .isEmpty)
            #expect(try await store.recordDeliveries([.sent(deliveryID: first[0].id)], worker: "dead") == 0)
            #expect(try await store.recordDeliveries([.sent(deliveryID: first[0].id)], worker: "live") == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func temporaryFailuresRetryWithBackoffThenFail(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, _) = try await MemberFixtures.newsletters(store)
            _ = try await MemberFixtures.confirmed(store, "later@news.example")
            let (send, _) = try await Self.send(store, daily)
            var attempts = 0
            while true {
                let claimed = try await store.claimDeliveries(worker: "w", limit: 10, lease: Self.lease)
                guard let delivery = claimed.first else { break }
                attempts += 1
                #expect(delivery.attempts == attempts)
                #expect(
                    try await store.recordDeliveries([.retry(deliveryID: delivery.id, error: "451 later")], worker: "w")
                        == 1)
                // Not due at once: the backoff holds it.
                #expect(try await store.claimDeliveries(worker: "w", limit: 10, lease: Self.lease).isEmpty)
                temp.clock.advance(by: 3601)
            }
            #expect(attempts == 6)
            let progress = try await store.deliveryProgress(sendID: send.id)
            #expect(progress.failed == 1 && progress.isFinished)
        }
    }

    @Test(arguments: StoreKind.allCases) func hardBouncesDisableTheAddressAndLeaversAreSkipped(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, _) = try await MemberFixtures.newsletters(store)
            let bouncer = try await MemberFixtures.confirmed(store, "reject@news.example")
            let leaver = try await MemberFixtures.confirmed(store, "leaver@news.example")
            for number in 1...Member.hardBounceLimit {
                let (send, _) = try await Self.send(store, daily, title: "Story \(number)")
                if number == 1 { try await store.unsubscribe(memberID: leaver.id, newsletterID: daily.id) }
                let claimed = try await store.claimDeliveries(worker: "w", limit: 10, lease: Self.lease)
                #expect(claimed.map(\.memberID) == [bouncer.id])
                _ = try await store.recordDeliveries(
                    claimed.map { .failed(deliveryID: $0.id, error: "550 no such user", hardBounce: true) },
                    worker: "w")
                if number == 1 { #expect(try await store.deliveryProgress(sendID: send.id).skipped == 1) }
            }
            #expect(try await store.member(id: bouncer.id)?.emailDisabled == true)
            #expect(try await Self.send(store, daily, title: "After").1 == 0)
            // Deleting a member deletes their deliveries.
            try await store.deleteMember(id: leaver.id)
            #expect(try await MemberFixtures.rowsMentioning("leaver@news.example", in: store).isEmpty)
        }
    }
}
