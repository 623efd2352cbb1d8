import BylineStore

/// Records delivery outcomes in groups: each sender waits until its outcome is committed before
/// it sends again, and every outcome that arrived while a commit ran goes into the next one.
/// So a node has at most one accepted-but-unrecorded message per sending lane at any moment
/// (the bound on duplicates after a crash), while the store sees one transaction per group,
/// not per message.
actor DeliveryRecorder {
    private let queue: any NewsletterDeliveryQueue
    private let worker: String
    private var pending: [(DeliveryOutcome, CheckedContinuation<Void, any Error>)] = []
    private var isFlushing = false

    init(queue: any NewsletterDeliveryQueue, worker: String) {
        self.queue = queue
        self.worker = worker
    }

    /// Returns once `outcome` is committed; throws when the commit failed.
    func record(_ outcome: DeliveryOutcome) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((outcome, continuation))
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
            do {
                try await queue.recordDeliveries(group.map(\.0), worker: worker)
                for (_, continuation) in group { continuation.resume() }
            } catch {
                for (_, continuation) in group { continuation.resume(throwing: error) }
            }
        }
        isFlushing = false
    }
}
