import BylineStore

/// Records delivery outcomes in groups: each sender waits until its outcome is committed before
/// it sends again, and every outcome that arrived while a commit ran goes into the next one.
/// So a node has at most one accepted-but-unrecorded message per sending lane at any moment
/// (the bound on duplicates after a crash), while the store sees one transaction per group,
/// not per message.
actor DeliveryRecorder {
    private let queue: any NewsletterDeliveryQueue
    private let worker: String
    private var pending: [([DeliveryOutcome], CheckedContinuation<Void, any Error>)] = []
    /// Commits tried before the lanes are told to stop: a deadlock or a failover between two
    /// tries should not leave sent messages to be sent again.
    static let attempts = 3
    private var isFlushing = false

    init(queue: any NewsletterDeliveryQueue, worker: String) {
        self.queue = queue
        self.worker = worker
    }

    /// Returns once `outcomes` are committed; throws when the commit failed (after retries).
    func record(_ outcomes: [DeliveryOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((outcomes, continuation))
            if !isFlushing {
                isFlushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let group = pending
            pending = []
            let outcomes = group.flatMap(\.0)
            var failure: (any Error)?
            for attempt in 1...Self.attempts {
                do {
                    // Recording again what a lost reply had committed changes nothing: the
                    // fencing finds those deliveries no longer sending.
                    try await queue.recordDeliveries(outcomes, worker: worker)
                    failure = nil
                    break
                } catch {
                    failure = error
                    if attempt < Self.attempts { try? await Task.sleep(for: .milliseconds(200 * attempt)) }
                }
            }
            for (_, continuation) in group {
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume() }
            }
        }
        isFlushing = false
    }
}
