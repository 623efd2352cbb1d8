import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

extension TestStore {
    /// The test store as a job queue: every engine is one.
    var queue: any JobQueue {
        get throws { store }
    }

    /// A second node's job queue on the same database.
    func anotherQueue() async throws -> any JobQueue {
        try await openAnother()
    }
}

/// The job queue's contract on each engine: claims, due times, idempotent enqueues, leases and
/// fencing, retries, and two nodes claiming at once.
@Suite struct JobQueueTests {
    let lease: Duration = .seconds(30)

    @Test(arguments: StoreKind.allCases) func enqueueClaimComplete(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let now = temp.clock.now()
            let mailID = try await queue.enqueue(kind: "mail", payload: #"{"to": "desk@example.com"}"#, maxAttempts: 2)
            let otherID = try await queue.enqueue(kind: "other")
            #expect(mailID != otherID)
            #expect(try await queue.jobCounts() == JobCounts(queued: 2))
            #expect(try await queue.claim(worker: "w1", kinds: [], lease: lease) == nil)

            let job = try #require(try await queue.claim(worker: "w1", kinds: ["mail", "unknown"], lease: lease))
            #expect(job.id == mailID && job.kind == "mail" && job.payload == #"{"to": "desk@example.com"}"#)
            #expect(job.status == .running && job.attempts == 1 && job.maxAttempts == 2)
            #expect(job.lockedBy == "w1" && job.lockedUntil == now + 30 && job.runAt == now)
            #expect(try await queue.job(id: mailID) == job)
            #expect(try await queue.claim(worker: "w2", kinds: ["mail"], lease: lease) == nil)
            #expect(try await queue.jobCounts() == JobCounts(queued: 1, running: 1))

            #expect(try await queue.complete(jobID: mailID, worker: "w1"))
            let done = try #require(try await queue.job(id: mailID))
            #expect(done.status == .done && done.lockedBy == "w1" && done.lockedUntil == nil && done.attempts == 1)
            #expect(try await queue.complete(jobID: mailID, worker: "w1") == false)
            #expect(try await queue.complete(jobID: 999_999, worker: "w1") == false)
            #expect(try await queue.claim(worker: "w1", kinds: ["mail"], lease: lease) == nil)
            #expect(try await queue.jobCounts() == JobCounts(queued: 1, done: 1, doneAttempts: 1))
            #expect(try await queue.job(id: 999_999) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func dueTimesAreRespectedOldestFirst(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let now = temp.clock.now()
            let later = try await queue.enqueue(kind: "publish", runAt: now + 60)
            let sooner = try await queue.enqueue(kind: "publish", runAt: now + 30)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease) == nil)
            temp.clock.advance(by: 29)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease) == nil)
            temp.clock.advance(by: 1)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease)?.id == sooner)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease) == nil)
            #expect(try await queue.complete(jobID: sooner, worker: "w"))
            temp.clock.advance(by: 60)
            // Enqueued after the others but due earlier than `later`: the oldest due time goes first.
            let overdue = try await queue.enqueue(kind: "publish", runAt: now + 45)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease)?.id == overdue)
            #expect(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease)?.id == later)
        }
    }

    @Test(arguments: StoreKind.allCases) func uniqueKeysMakeEnqueueIdempotent(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let other = try await temp.anotherQueue()
            let first = try await queue.enqueue(kind: "publish", uniqueKey: "publish:post:7")
            #expect(try await queue.enqueue(kind: "publish", uniqueKey: "publish:post:7") == first)
            #expect(try await other.enqueue(kind: "publish", uniqueKey: "publish:post:7") == first)
            let job = try #require(try await queue.claim(worker: "w", kinds: ["publish"], lease: lease))
            #expect(job.uniqueKey == "publish:post:7")
            #expect(try await queue.complete(jobID: job.id, worker: "w"))
            // A key stays taken after its job is done: the work happened.
            #expect(try await queue.enqueue(kind: "publish", uniqueKey: "publish:post:7") == first)

            // Both nodes enqueueing one key at once still make one job.
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for node in [queue, other] {
                    for _ in 0..<5 { group.addTask { try await node.enqueue(kind: "mail", uniqueKey: "mail:42") } }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await queue.enqueue(kind: "publish", uniqueKey: "publish:post:8") != first)
            #expect(try await queue.jobCounts() == JobCounts(queued: 2, done: 1, doneAttempts: 1))
        }
    }

    @Test(arguments: StoreKind.allCases) func nonsenseIsRefused(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let refused: [NewJob] = [
                NewJob(kind: " "), NewJob(kind: "mail", payload: "not json"), NewJob(kind: "mail", maxAttempts: 0),
                NewJob(kind: "mail", uniqueKey: ""),
            ]
            for job in refused {
                await #expect(throws: StoreError.self) { try await queue.enqueue(job) }
            }
            _ = try await queue.enqueue(kind: "mail")
            await #expect(throws: StoreError.self) { try await queue.claim(worker: "w", kinds: ["mail"], lease: .zero) }
            #expect(try await queue.jobCounts() == JobCounts(queued: 1))
        }
    }

    @Test(arguments: StoreKind.allCases) func twoNodesClaimingAtOnceNeverShareAJob(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let nodes = [try temp.queue, try await temp.anotherQueue()]
            var enqueued: Set<Int64> = []
            for number in 0..<50 {
                enqueued.insert(try await nodes[number % 2].enqueue(kind: "mail", payload: "\(number)"))
            }
            // Three claimers per node, each claiming until the queue looks empty to it.
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (node, queue) in nodes.enumerated() {
                    for claimer in 0..<3 {
                        group.addTask {
                            var ids: [Int64] = []
                            while let job = try await queue.claim(
                                worker: "node\(node)-\(claimer)", kinds: ["mail"], lease: .seconds(30))
                            {
                                ids.append(job.id)
                            }
                            return ids
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == 50)
            #expect(Set(all) == enqueued)
            #expect(try await nodes[0].jobCounts() == JobCounts(running: 50))
        }
    }

    @Test(arguments: StoreKind.allCases) func anExpiredLeaseFencesOffItsWorker(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (a, b) = (try temp.queue, try await temp.anotherQueue())
            let id = try await a.enqueue(kind: "mail")
            _ = try #require(try await a.claim(worker: "A", kinds: ["mail"], lease: lease))
            #expect(try await b.claim(worker: "B", kinds: ["mail"], lease: lease) == nil)
            #expect(try await b.complete(jobID: id, worker: "B") == false)
            temp.clock.advance(by: 30)
            // Still A's at the last instant of the lease, which this extends.
            #expect(try await a.extendLease(jobID: id, worker: "A", lease: lease))
            #expect(try await b.claim(worker: "B", kinds: ["mail"], lease: lease) == nil)
            temp.clock.advance(by: 30.5)

            // A stalled past its lease: it may no longer act, even before anyone takes over.
            #expect(try await a.extendLease(jobID: id, worker: "A", lease: lease) == false)
            let taken = try #require(try await b.claim(worker: "B", kinds: ["mail"], lease: lease))
            #expect(taken.id == id && taken.attempts == 2 && taken.lockedBy == "B")
            #expect(taken.lastError?.contains("attempt 1 by A: the lease expired") == true)
            #expect(try await a.complete(jobID: id, worker: "A") == false)
            #expect(try await a.fail(jobID: id, worker: "A", error: "late") == false)
            #expect(try await a.extendLease(jobID: id, worker: "A", lease: lease) == false)
            #expect(try await b.complete(jobID: id, worker: "B"))
            #expect(try await a.complete(jobID: id, worker: "A") == false)

            let job = try #require(try await a.job(id: id))
            #expect(job.status == .done && job.lockedBy == "B" && job.attempts == 2)
            #expect(try await a.jobCounts() == JobCounts(done: 1, doneAttempts: 2))
        }
    }

    @Test(arguments: StoreKind.allCases) func failuresRetryWithBackoffThenFail(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let id = try await queue.enqueue(kind: "mail", maxAttempts: 3)
            var delays: [TimeInterval] = []
            for attempt in 1...2 {
                let job = try #require(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease))
                #expect(job.attempts == attempt)
                #expect(try await queue.fail(jobID: id, worker: "w", error: "smtp down \(attempt)"))
                let queued = try #require(try await queue.job(id: id))
                #expect(queued.status == .queued && queued.lockedUntil == nil)
                #expect(queued.lastError == "smtp down \(attempt)")
                let delay = queued.runAt.timeIntervalSince(temp.clock.now())
                delays.append(delay)
                temp.clock.advance(by: delay - 1)
                #expect(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease) == nil)
                temp.clock.advance(by: 1)
            }
            #expect(delays == [10, 20])

            _ = try #require(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease))
            let longError = String(repeating: "x", count: 5000)
            #expect(try await queue.fail(jobID: id, worker: "w", error: longError))
            let failed = try #require(try await queue.job(id: id))
            #expect(failed.status == .failed && failed.attempts == 3 && failed.lastError?.count == 2000)
            temp.clock.advance(by: 86400)
            #expect(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease) == nil)

            // A caller may choose the retry time itself.
            let other = try await queue.enqueue(kind: "mail")
            _ = try #require(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease))
            let retryAt = temp.clock.now() + 300
            #expect(try await queue.fail(jobID: other, worker: "w", error: "rate limited", retryAt: retryAt))
            #expect(try await queue.job(id: other)?.runAt == retryAt)
            #expect(try await queue.jobCounts() == JobCounts(queued: 1, failed: 1))
        }
    }

    @Test(arguments: StoreKind.allCases) func anAbandonedLastAttemptFailsInsteadOfRunning(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let poison = try await queue.enqueue(kind: "mail", maxAttempts: 1)
            let healthy = try await queue.enqueue(kind: "mail", maxAttempts: 1)
            #expect(try await queue.claim(worker: "A", kinds: ["mail"], lease: lease)?.id == poison)
            temp.clock.advance(by: 31)
            // The worker died on the poison job's only attempt: it is not handed to another node.
            #expect(try await queue.claim(worker: "B", kinds: ["mail"], lease: lease)?.id == healthy)
            let job = try #require(try await queue.job(id: poison))
            #expect(job.status == .failed && job.attempts == 1 && job.lockedUntil == nil)
            #expect(job.lastError?.contains("the lease expired") == true)
        }
    }

    /// Two nodes whose clocks disagree by an hour: with leases on the database's clock the node
    /// running ahead cannot take over a job whose lease is still running; on its own clock (the
    /// positive control, how it was) it takes it over at once and the job would run twice.
    @Test(arguments: [SiteStore.CoordinationTime.databaseClock, .storeClock])
    func aNodeWhoseClockRunsAheadDoesNotTakeOverARunningJob(_ time: SiteStore.CoordinationTime) async throws {
        try await TestStore.with(.postgres, now: Date()) { temp in
            let onTime = try await temp.openAnother(clock: SystemClock(), coordinationTime: time)
            let ahead = try await temp.openAnother(
                clock: ManualClock(Date().addingTimeInterval(3600)), coordinationTime: time)
            let id = try await onTime.enqueue(kind: "mail")
            let claimed = try #require(try await onTime.claim(worker: "a", kinds: ["mail"], lease: .seconds(60)))
            #expect(claimed.id == id)
            let takenOver = try await ahead.claim(worker: "b", kinds: ["mail"], lease: .seconds(60))
            switch time {
            case .databaseClock:
                #expect(takenOver == nil)
                #expect(try await onTime.complete(jobID: id, worker: "a"))
            case .storeClock:
                #expect(takenOver?.id == id)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func finishedJobsArePruned(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let done = try await queue.enqueue(kind: "mail")
            let waiting = try await queue.enqueue(kind: "mail", runAt: temp.clock.now() + 86400 * 30)
            _ = try #require(try await queue.claim(worker: "w", kinds: ["mail"], lease: lease))
            #expect(try await queue.complete(jobID: done, worker: "w"))
            #expect(try await queue.pruneFinishedJobs(before: temp.clock.now()) == 0)
            temp.clock.advance(by: 86400 * 8)
            #expect(try await queue.pruneFinishedJobs(before: temp.clock.now() - 86400 * 7) == 1)
            #expect(try await queue.job(id: done) == nil)
            #expect(try await queue.job(id: waiting) != nil)
        }
    }
}
