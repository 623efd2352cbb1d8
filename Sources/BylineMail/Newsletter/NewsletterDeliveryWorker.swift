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
        let clock = ContinuousClock()
        let claimedAt = clock.now
        let batch = try await queue.claimDeliveries(
            worker: settings.workerID, limit: settings.concurrency * settings.claimPerLane, lease: settings.lease)
        guard !batch.isEmpty else { return 0 }
        var sends: [Int64: NewsletterComposer.PreparedSend] = [:]
        for sendID in Set(batch.map(\.sendID)) {
            if let known = composer.preparedIfKnown(sendID: sendID) {
                sends[sendID] = known
            } else if let send = try await queue.newsletterSend(id: sendID) {
                sends[sendID] = composer.prepared(send)
            }
        }
        // Stop handing out messages a little before the lease could end by this node's clock:
        // past it another node may be sending them (the store's fencing only stops recording).
        let cursor = BatchCursor(batch, deadline: claimedAt + Self.safePart(of: settings.lease))
        await send(cursor, sends: sends, lanes: min(settings.concurrency, batch.count))
        return batch.count
    }

    /// Five sixths of a lease: what a holder may count on, with room for clocks and latency.
    static func safePart(of lease: Duration) -> Duration { lease * 5 / 6 }

    private func send(_ cursor: BatchCursor, sends: [Int64: NewsletterComposer.PreparedSend], lanes: Int) async {
        let recorder = DeliveryRecorder(queue: queue, worker: settings.workerID)
        let keeper = Task { await self.keepLeases(cursor) }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    // A lane ends when the cursor has nothing more for it (all handed out, the
                    // lease's safe part used up, or stopped); the message in hand is finished
                    // and recorded first.
                    while let delivery = cursor.next() {
                        let outcome = await self.attempt(delivery, of: sends[delivery.sendID])
                        if case .deferred(_, let error) = outcome {
                            // The server cannot take anything: put the rest of the batch back
                            // too, unattempted, instead of using up an attempt on each.
                            let rest = cursor.takeRemaining()
                            self.logger.warning(
                                "SMTP server unreachable or refusing the session; newsletter deliveries wait",
                                metadata: ["error": "\(error)", "deferred": "\(rest.count + 1)"])
                            do {
                                try await recorder.record(rest.map { .deferred(deliveryID: $0.id, error: error) })
                            } catch {
                                self.logger.error("cannot put deliveries back", metadata: ["error": "\(error)"])
                            }
                        }
                        do {
                            try await recorder.record([outcome])
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
        }
        keeper.cancel()
    }

    /// Extends the batch's lease every third of it while the batch is being sent.
    private func keepLeases(_ cursor: BatchCursor) async {
        let clock = ContinuousClock()
        let interval = settings.lease / 3
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let open = cursor.openIDs()
            guard !open.isEmpty else { return }
            let asked = clock.now
            do {
                let held = try await queue.extendDeliveryLeases(
                    ids: open, worker: settings.workerID, lease: settings.lease)
                cursor.extend(to: asked + Self.safePart(of: settings.lease))
                let lost = Set(open).subtracting(held)
                if !lost.isEmpty {
                    // Also those recorded meanwhile: dropping them changes nothing.
                    cursor.drop(lost)
                }
            } catch {
                logger.warning("cannot extend newsletter delivery leases", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One SMTP attempt, classified.
    func attempt(_ delivery: ClaimedDelivery, of send: NewsletterComposer.PreparedSend?) async -> DeliveryOutcome {
        guard let send else {
            return .deferred(deliveryID: delivery.id, error: "the newsletter's content could not be read")
        }
        let message: MailMessage
        do {
            message = try composer.message(for: delivery, of: send)
        } catch {
            return .failed(deliveryID: delivery.id, error: "cannot address the message: \(error)", hardBounce: false)
        }
        do {
            _ = try await pool.send(message)
            return .sent(deliveryID: delivery.id)
        } catch {
            return Self.outcome(of: error, deliveryID: delivery.id)
        }
    }

    /// What an SMTP failure means for one delivery.
    ///
    /// - The session could not be had at all (no connection, TLS, login, the greeting, a
    ///   refused sender): every message would fail alike, so none uses up an attempt; they wait
    ///   until the server or the configuration is back.
    /// - A refused recipient: permanent (5xx) fails it, and a bad address (5.1.x, or 550, 551,
    ///   553 without an enhanced code) counts as a hard bounce; temporary (4xx) retries.
    /// - The message refused after DATA: permanent fails it (its content, not the address),
    ///   temporary retries.
    /// - Anything else mid-message (a timeout, a dropped connection) retries: the message may
    ///   have arrived, and a second copy is the lesser harm.
    static func outcome(of error: SMTPError, deliveryID: Int64) -> DeliveryOutcome {
        let text = "\(error)"
        switch error {
        case .connectFailed, .tlsFailed, .startTLSNotOffered, .credentialsNeedTLS, .authenticationNotOffered,
            .authenticationFailed, .notReady, .connectionLost(waitingFor: .greeting), .timedOut(waitingFor: .greeting):
            return .deferred(deliveryID: deliveryID, error: text)
        case .rejected(let command, _) where Self.isSessionCommand(command):
            return .deferred(deliveryID: deliveryID, error: text)
        case .rejected(.rcptTo, let reply):
            return reply.isTemporary
                ? .retry(deliveryID: deliveryID, error: text)
                : .failed(deliveryID: deliveryID, error: text, hardBounce: isBadAddress(reply))
        case .recipientsRejected(let rejections):
            guard let reply = rejections.first?.reply, !reply.isTemporary else {
                return .retry(deliveryID: deliveryID, error: text)
            }
            return .failed(deliveryID: deliveryID, error: text, hardBounce: isBadAddress(reply))
        case .rejected(_, let reply) where !reply.isTemporary:
            return .failed(deliveryID: deliveryID, error: text, hardBounce: false)
        case .messageTooLarge:
            return .failed(deliveryID: deliveryID, error: text, hardBounce: false)
        default:
            return .retry(deliveryID: deliveryID, error: text)
        }
    }

    static func isSessionCommand(_ command: SMTPCommand) -> Bool {
        switch command {
        case .greeting, .ehlo, .startTLS, .auth, .mailFrom: true
        default: false
        }
    }

    /// Whether a refusal says the address does not exist (RFC 3463's 5.1.x), not that this
    /// server will not relay or does not like the message.
    static func isBadAddress(_ reply: SMTPReply) -> Bool {
        let text = reply.text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("5.1.") { return true }
        if text.first?.isNumber == true, text.dropFirst().first == "." { return false }
        return [550, 551, 553].contains(reply.code)
    }
}

/// Hands out a batch's deliveries to the lanes: each once, none once stopped or once the
/// lease's safe part has passed, none whose lease another worker has taken.
final class BatchCursor: Sendable {
    private struct State {
        var waiting: ArraySlice<ClaimedDelivery>
        var deadline: ContinuousClock.Instant
        var dropped: Set<Int64> = []
        var isStopped = false
    }
    private let state: Mutex<State>

    init(_ batch: [ClaimedDelivery], deadline: ContinuousClock.Instant) {
        state = Mutex(State(waiting: batch[...], deadline: deadline))
    }

    func next() -> ClaimedDelivery? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard !state.isStopped, now < state.deadline else { return nil }
            while let delivery = state.waiting.popFirst() {
                if !state.dropped.contains(delivery.id) { return delivery }
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

    func stop() { state.withLock { $0.isStopped = true } }

    /// The lease was extended: messages may be handed out until `deadline`.
    func extend(to deadline: ContinuousClock.Instant) {
        state.withLock { $0.deadline = max($0.deadline, deadline) }
    }

    /// Deliveries whose lease was lost: not handed out by this worker any more.
    func drop(_ ids: Set<Int64>) { state.withLock { $0.dropped.formUnion(ids) } }

    /// Deliveries still to hand out, whose leases are worth extending. (Those on the wire are
    /// extended too: they are at most one per lane, and their record follows at once.)
    func openIDs() -> [Int64] {
        state.withLock { state in state.waiting.map(\.id).filter { !state.dropped.contains($0) } }
    }
}
