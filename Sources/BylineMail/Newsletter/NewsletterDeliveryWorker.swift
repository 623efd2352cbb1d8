import BylineStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Sends newsletter deliveries from the durable queue: claims a batch, sends it over
/// ``Settings/concurrency`` SMTP connections at once, and records each outcome right after the
/// server answered (``DeliveryRecorder``), keeping the batch's lease alive meanwhile. Run one
/// per node; any number share one database.
///
/// Temporary failures (4xx, a lost connection) are retried with backoff; permanent ones (5xx)
/// fail the delivery, and a refused recipient counts as a hard bounce against the address. A
/// node killed mid-batch leaves its deliveries to their lease: another node (or this one,
/// restarted) sends them once it has passed. Only the messages the SMTP server had accepted
/// but the store had not yet recorded, at most one per lane, go out twice.
public final class NewsletterDeliveryWorker: Service {
    public struct Settings: Sendable {
        public var workerID: String
        /// Messages on the wire at once (one SMTP connection each).
        public var concurrency: Int
        /// How long a claim holds its deliveries without news from this worker; a dead node's
        /// deliveries wait this long before another node sends them.
        public var lease: Duration
        /// The pause between claims while there is nothing to send.
        public var pollInterval: Duration
        /// Deliveries claimed per lane in one batch.
        public var claimPerLane: Int

        public init(
            workerID: String = JobWorker.defaultWorkerID(), concurrency: Int = 8, lease: Duration = .seconds(60),
            pollInterval: Duration = .milliseconds(500), claimPerLane: Int = 64
        ) {
            self.workerID = workerID
            self.concurrency = max(1, concurrency)
            self.lease = lease
            self.pollInterval = pollInterval
            self.claimPerLane = max(1, claimPerLane)
        }
    }

    public let settings: Settings
    let queue: any NewsletterDeliveryQueue
    let pool: SMTPConnectionPool
    let composer: NewsletterComposer
    let logger: Logger

    public init(
        queue: any NewsletterDeliveryQueue, pool: SMTPConnectionPool, composer: NewsletterComposer,
        settings: Settings = Settings(), logger: Logger = Logger(label: "byline.newsletter")
    ) {
        self.queue = queue
        self.pool = pool
        self.composer = composer
        self.settings = settings
        var logger = logger
        logger[metadataKey: "worker"] = "\(settings.workerID)"
        self.logger = logger
    }

    /// `Service`: sends until graceful shutdown or cancellation, finishing the batch in hand.
    public func run() async throws {
        logger.info("newsletter delivery worker started", metadata: ["concurrency": "\(settings.concurrency)"])
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let claimed = try await deliverBatch()
                failures = 0
                if claimed == 0 { await pause(settings.pollInterval) }
            } catch {
                if Task.isCancelled { break }
                failures += 1
                logger.error("cannot claim newsletter deliveries", metadata: ["error": "\(error)"])
                await pause(min(settings.pollInterval * (1 << min(failures, 4)), .seconds(5)))
            }
        }
        logger.info("newsletter delivery worker stopped")
    }

    private func pause(_ duration: Duration) async {
        _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }

    /// Claims one batch and sends it; returns how many deliveries it claimed (0: none due).
    @discardableResult
    public func deliverBatch() async throws -> Int {
        let batch = try await queue.claimDeliveries(
            worker: settings.workerID, limit: settings.concurrency * settings.claimPerLane, lease: settings.lease)
        guard !batch.isEmpty else { return 0 }
        for sendID in Set(batch.map(\.sendID)) where !composer.isPrepared(sendID: sendID) {
            if let send = try await queue.newsletterSend(id: sendID) { composer.prepare(send) }
        }
        await send(batch)
        return batch.count
    }

    private func send(_ batch: [ClaimedDelivery]) async {
        let recorder = DeliveryRecorder(queue: queue, worker: settings.workerID)
        let cursor = BatchCursor(batch)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepLeases(cursor) }
            for _ in 0..<min(settings.concurrency, batch.count) {
                group.addTask {
                    while let delivery = cursor.next() {
                        let outcome = await self.attempt(delivery)
                        if case .deferred(_, let error) = outcome {
                            // The server is unreachable: put the rest of the batch back too,
                            // unattempted, instead of burning an attempt on each.
                            let rest = cursor.takeRemaining()
                            self.logger.warning(
                                "SMTP server unreachable; newsletter deliveries wait",
                                metadata: ["error": "\(error)", "deferred": "\(rest.count + 1)"])
                            for other in rest { cursor.finished(other.id) }
                            _ = try? await self.queue.recordDeliveries(
                                rest.map { .deferred(deliveryID: $0.id, error: error) }, worker: self.settings.workerID)
                        }
                        do {
                            try await recorder.record(outcome)
                            cursor.finished(delivery.id)
                        } catch {
                            // Sending on while nothing is recorded would only make copies to send
                            // again: stop, and leave the rest to the lease.
                            self.logger.error(
                                "cannot record newsletter deliveries; leaving the batch to its lease",
                                metadata: ["error": "\(error)"])
                            cursor.stop()
                        }
                    }
                }
            }
            // The lanes end when the cursor runs dry; then stop keeping leases.
            await cursor.waitUntilDrained()
            group.cancelAll()
        }
    }

    /// Extends the batch's lease every third of it until the batch is done.
    private func keepLeases(_ cursor: BatchCursor) async {
        let interval = settings.lease / 3
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let open = cursor.unfinishedIDs()
            guard !open.isEmpty else { return }
            do {
                let held = try await queue.extendDeliveryLeases(
                    ids: open, worker: settings.workerID, lease: settings.lease)
                if held.count < open.count {
                    logger.warning("lost the lease of some newsletter deliveries; another worker sends them")
                    cursor.drop(Set(open).subtracting(held))
                }
            } catch {
                logger.warning("cannot extend newsletter delivery leases", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One SMTP attempt, classified.
    func attempt(_ delivery: ClaimedDelivery) async -> DeliveryOutcome {
        let message: MailMessage
        do {
            guard let made = try composer.message(for: delivery) else {
                return .retry(deliveryID: delivery.id, error: "the newsletter's content is missing")
            }
            message = made
        } catch {
            return .failed(deliveryID: delivery.id, error: "cannot address the message: \(error)", hardBounce: false)
        }
        do {
            _ = try await pool.send(message)
            return .sent(deliveryID: delivery.id)
        } catch {
            switch error.kind {
            case .permanent:
                let refusedRecipient: Bool
                switch error {
                case .recipientsRejected, .rejected(.rcptTo, _): refusedRecipient = true
                default: refusedRecipient = false
                }
                return .failed(deliveryID: delivery.id, error: "\(error)", hardBounce: refusedRecipient)
            case .temporary where Self.isUnreachable(error):
                return .deferred(deliveryID: delivery.id, error: "\(error)")
            case .temporary, .configuration:
                // A misconfigured server fails every message alike: retrying (with backoff) lets
                // the send resume once it is fixed, instead of failing everyone.
                return .retry(deliveryID: delivery.id, error: "\(error)")
            }
        }
    }
}

extension NewsletterDeliveryWorker {
    /// Whether the message never reached the server: nothing was attempted.
    static func isUnreachable(_ error: SMTPError) -> Bool {
        if case .connectFailed = error { return true }
        return false
    }
}

/// Hands out a batch's deliveries to the lanes and tracks which are not yet recorded.
final class BatchCursor: Sendable {
    private struct State {
        var waiting: ArraySlice<ClaimedDelivery>
        var unfinished: Set<Int64>
        var dropped: Set<Int64> = []
        var drained: [CheckedContinuation<Void, Never>] = []
        var isStopped = false
    }
    private let state: Mutex<State>

    init(_ batch: [ClaimedDelivery]) {
        state = Mutex(State(waiting: batch[...], unfinished: Set(batch.map(\.id))))
    }

    func next() -> ClaimedDelivery? {
        state.withLock { state in
            while !state.isStopped, let delivery = state.waiting.popFirst() {
                if state.dropped.contains(delivery.id) { continue }
                return delivery
            }
            return nil
        }
    }

    /// The deliveries not yet handed out, which no lane will now get.
    func takeRemaining() -> [ClaimedDelivery] {
        state.withLock { state in
            let rest = state.waiting.filter { !state.dropped.contains($0.id) }
            state.waiting = []
            return Array(rest)
        }
    }

    func finished(_ id: Int64) {
        let continuations = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.unfinished.remove(id)
            return Self.takeDrainedIfDone(&state)
        }
        for continuation in continuations { continuation.resume() }
    }

    func stop() {
        let continuations = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isStopped = true
            state.unfinished = []
            return Self.takeDrainedIfDone(&state)
        }
        for continuation in continuations { continuation.resume() }
    }

    /// Deliveries whose lease was lost: not sent by this worker any more.
    func drop(_ ids: Set<Int64>) {
        let continuations = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.dropped.formUnion(ids)
            // Those not yet handed out will not be; those on the wire still finish.
            let waitingIDs = Set(state.waiting.map(\.id))
            state.unfinished.subtract(ids.intersection(waitingIDs))
            return Self.takeDrainedIfDone(&state)
        }
        for continuation in continuations { continuation.resume() }
    }

    func unfinishedIDs() -> [Int64] { state.withLock { Array($0.unfinished) } }

    func waitUntilDrained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.unfinished.isEmpty { return true }
                state.drained.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private static func takeDrainedIfDone(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        guard state.unfinished.isEmpty else { return [] }
        let continuations = state.drained
        state.drained = []
        return continuations
    }
}
