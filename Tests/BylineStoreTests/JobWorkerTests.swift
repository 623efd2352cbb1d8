import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// Workers against real stores: the clock that leases are judged by is the test's ManualClock,
/// while polling and lease extension run on real time, kept short so each case takes well under
/// a few seconds; every wait is bounded.
@Suite struct JobWorkerTests {
    @Test(arguments: StoreKind.allCases) func twoWorkersDrainTheQueueDoingEachJobOnce(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queues = [try temp.queue, try await temp.anotherQueue()]
            var ids: [Int64] = []
            for _ in 0..<30 {
                ids.append(
                    try await queues[0].enqueue(
                        kind: TestSleepJob.kind, payload: TestSleepJob.payload(milliseconds: 40)))
            }
            let runs = Recorder<(job: Int64, worker: String)>()
            let workers = try queues.map { queue in
                let settings = settings(workerID: JobWorker.defaultWorkerID())
                return try JobWorker(
                    queue: queue,
                    handlers: [
                        TestSleepJob.kind: { job in
                            runs.append((job.id, settings.workerID))
                            try await TestSleepJob.handler(job)
                        }
                    ], settings: settings, logger: quietLogger)
            }
            #expect(workers[0].settings.workerID != workers[1].settings.workerID)
            #expect(workers[0].settings.workerID.contains("-\(ProcessInfo.processInfo.processIdentifier)-"))

            let group = ServiceGroup(services: workers, logger: quietLogger)
            let running = Task { try await group.run() }
            let drained = try await eventually { try await queues[0].jobCounts().done == 30 }
            await group.triggerGracefulShutdown()
            try await running.value

            #expect(drained)
            #expect(try await queues[1].jobCounts() == JobCounts(done: 30, doneAttempts: 30))
            for id in ids {
                let job = try #require(try await queues[1].job(id: id))
                #expect(job.status == .done && job.attempts == 1)
            }
            let record = runs.items
            #expect(record.map(\.job).sorted() == ids.sorted())
            #expect(Set(record.map(\.worker)) == Set(workers.map(\.settings.workerID)))
        }
    }

    @Test(arguments: StoreKind.allCases) func aWorkerKilledMidJobLeavesItToAnother(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (queueA, queueB) = (try temp.queue, try await temp.anotherQueue())
            let id = try await queueA.enqueue(kind: "slow")
            let started = Recorder<Int64>()
            let stopped = Recorder<Int64>()
            let doomed = try JobWorker(
                queue: queueA,
                handlers: ["slow": slowHandler(started: started, stopped: stopped)], settings: settings(workerID: "A"),
                logger: quietLogger)
            let crashing = Task { try await doomed.run() }
            #expect(try await eventually { !started.items.isEmpty })
            // The node dies: its task ends without completing or failing the job.
            crashing.cancel()
            try await crashing.value
            #expect(stopped.items == [id])
            let abandoned = try #require(try await queueB.job(id: id))
            #expect(abandoned.status == .running && abandoned.lockedBy == "A")

            temp.clock.advance(by: 31)
            let rescuer = try JobWorker(
                queue: queueB, handlers: ["slow": { _ in }], settings: settings(workerID: "B"), logger: quietLogger)
            let rescuing = Task { try await rescuer.run() }
            let finished = try await eventually { try await queueB.job(id: id)?.status == .done }
            rescuing.cancel()
            try await rescuing.value

            #expect(finished)
            let job = try #require(try await queueA.job(id: id))
            #expect(job.status == .done && job.lockedBy == "B" && job.attempts == 2)
            #expect(started.items == [id])
        }
    }

    @Test(arguments: StoreKind.allCases) func aLongJobKeepsItsLeaseAlive(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let id = try await queue.enqueue(kind: "long")
            let extended = Recorder<Bool>()
            let worker = try JobWorker(
                queue: queue,
                handlers: [
                    "long": { job in
                        // Time passes on the lease's clock; the worker moves the lease's end along.
                        temp.clock.advance(by: 0.1)
                        let moved = try await eventually {
                            try await queue.job(id: job.id)?.lockedUntil ?? .distantPast > job.lockedUntil!
                        }
                        extended.append(moved)
                    }
                ], settings: settings(workerID: "W", lease: .milliseconds(400)), logger: quietLogger)
            let running = Task { try await worker.run() }
            let done = try await eventually { try await queue.job(id: id)?.status == .done }
            running.cancel()
            try await running.value
            #expect(done)
            #expect(extended.items == [true])
            #expect(try await queue.job(id: id)?.attempts == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func aFailingHandlerIsRetriedThenFailed(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let id = try await queue.enqueue(kind: "mail", maxAttempts: 2)
            let worker = try JobWorker(
                queue: queue, handlers: ["mail": { _ in throw StoreError.notFound("mailbox") }],
                settings: settings(workerID: "W"), logger: quietLogger)
            let running = Task { try await worker.run() }
            let retrying = try await eventually {
                let job = try await queue.job(id: id)
                return job?.status == .queued && job?.attempts == 1
            }
            let queued = try #require(try await queue.job(id: id))
            // Due after the backoff by the store's clock: nothing happens until it moves.
            temp.clock.advance(by: 10)
            let failed = try await eventually { try await queue.job(id: id)?.status == .failed }
            running.cancel()
            try await running.value

            #expect(retrying && failed)
            #expect(queued.attempts == 1 && queued.runAt == TestStore.defaultNow + 10)
            let job = try #require(try await queue.job(id: id))
            #expect(job.attempts == 2 && job.lastError == "not found: mailbox")
        }
    }

    @Test(arguments: StoreKind.allCases) func gracefulShutdownFinishesOrLeavesTheRunningJob(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let queue = try temp.queue
            let quick = try await queue.enqueue(kind: "quick")
            let stuck = try await queue.enqueue(kind: "stuck")
            let started = Recorder<Int64>()
            let handlers: [String: JobHandler] = [
                "quick": { job in
                    started.append(job.id)
                    try await Task.sleep(for: .milliseconds(300))
                },
                "stuck": { job in
                    started.append(job.id)
                    try await Task.sleep(for: .seconds(60))
                },
            ]
            for (id, expected) in [(quick, JobStatus.done), (stuck, .running)] {
                let worker = try JobWorker(
                    queue: queue, handlers: handlers,
                    settings: settings(workerID: "W\(id)", shutdownGrace: .milliseconds(500)), logger: quietLogger)
                let group = ServiceGroup(services: [worker], logger: quietLogger)
                let running = Task { try await group.run() }
                #expect(try await eventually { started.items.contains(id) })
                await group.triggerGracefulShutdown()
                try await running.value
                // The quick job finishes within the grace; the stuck one is left running under
                // its lease, for another node to take over once that expires.
                let job = try #require(try await queue.job(id: id))
                #expect(job.status == expected && job.attempts == 1)
            }
            #expect(started.items == [quick, stuck])
        }
    }

    @Test(arguments: StoreKind.allCases) func aWorkerThatLosesItsLeaseStopsTheHandler(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let (queueA, queueB) = (try temp.queue, try await temp.anotherQueue())
            let id = try await queueA.enqueue(kind: "slow")
            let started = Recorder<Int64>()
            let stopped = Recorder<Int64>()
            let stalled = try JobWorker(
                queue: queueA,
                handlers: ["slow": slowHandler(started: started, stopped: stopped)],
                settings: settings(workerID: "A", lease: .milliseconds(400)), logger: quietLogger)
            let running = Task { try await stalled.run() }
            #expect(try await eventually { !started.items.isEmpty })
            // A's node stalls past its lease and B takes the job over. A's worker, once it sees
            // the lease gone, may claim the expired job again before B does; each time the clock
            // moves past that lease too, so B gets it in the end.
            var taken: Job?
            _ = try await eventually {
                temp.clock.advance(by: 60)
                taken = try await queueB.claim(worker: "B", kinds: ["slow"], lease: .seconds(6000))
                return taken != nil
            }
            let handlerStopped = try await eventually { stopped.items.first == id }
            #expect(try await queueB.complete(jobID: id, worker: "B"))
            running.cancel()
            try await running.value

            #expect(taken?.id == id && handlerStopped)
            let job = try #require(try await queueA.job(id: id))
            #expect(job.status == .done && job.lockedBy == "B" && job.attempts >= 2)
        }
    }
}

/// Fast worker settings for tests.
private func settings(
    workerID: String, lease: Duration = .seconds(30), shutdownGrace: Duration = .seconds(5)
) -> JobWorker.Settings {
    JobWorker.Settings(
        workerID: workerID, pollInterval: .milliseconds(20), lease: lease, shutdownGrace: shutdownGrace)
}

private let quietLogger: Logger = {
    var logger = Logger(label: "byline.test.jobs")
    logger.logLevel = .critical
    return logger
}()

/// Polls `condition` every 20 ms until it holds or `limit` passes; whether it held.
private func eventually(
    within limit: Duration = .seconds(20), _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Values handlers report from their tasks.
/// A handler that would run for a minute: records when it starts and when it is stopped early.
private func slowHandler(started: Recorder<Int64>, stopped: Recorder<Int64>) -> JobHandler {
    { job in
        started.append(job.id)
        do {
            try await Task.sleep(for: .seconds(60))
        } catch {
            stopped.append(job.id)
            throw error
        }
    }
}

private final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value] = []

    func append(_ value: Value) {
        lock.withLock { values.append(value) }
    }

    var items: [Value] { lock.withLock { values } }
}
