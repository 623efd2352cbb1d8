/// At most `limit` images processed at once (each takes a core and up to a few hundred MB),
/// and at most `maxWaiting` uploads waiting for a turn: beyond that an upload is refused at once
/// (503) instead of holding its bytes in memory while the queue grows.
actor ProcessingSlots {
    let limit: Int
    let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Too many uploads are waiting.
    struct Busy: Error {}

    init(limit: Int, maxWaiting: Int) {
        self.limit = max(1, limit)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Runs `work` in a slot, waiting for one first.
    func run<Value: Sendable>(_ work: @Sendable () async throws -> Value) async throws -> Value {
        try await acquire()
        do {
            let value = try await work()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async throws {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < maxWaiting else { throw Busy() }
        // The slot is handed over by `release`, which leaves `running` as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
