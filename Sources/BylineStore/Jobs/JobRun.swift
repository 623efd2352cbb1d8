import ServiceLifecycle

/// One run of a handler by a ``JobWorker``, beside two watchers: one extends the lease every half
/// lease and stops the handler when the lease turns out lost; the other stops it when graceful
/// shutdown has given it ``JobWorker/Settings/shutdownGrace`` to finish.
struct JobRun {
    enum Outcome {
        /// The handler returned: the job is done.
        case returned
        case threw(any Error)
        /// Another worker may run the job now: this one must not record anything.
        case leaseLost
        /// The handler did not finish within the shutdown grace and was cancelled.
        case cutShortByShutdown
    }

    let job: Job
    let handler: JobHandler
    let worker: JobWorker

    private enum Event {
        case handlerEnded((any Error)?)
        case leaseLost
        case graceOver
        case watcherStopped
    }

    /// Waits for the handler, and for the watchers to wind down after it.
    func outcome() async -> Outcome {
        await withTaskGroup(of: Event.self) { group in
            group.addTask { [job, handler] in
                do {
                    try await handler(job)
                    return .handlerEnded(nil)
                } catch {
                    return .handlerEnded(error)
                }
            }
            group.addTask { await keepLease() }
            group.addTask { await awaitShutdownGrace() }
            var ended: (any Error)?? = nil
            var stoppedBy: Outcome? = nil
            for await event in group {
                switch event {
                case .handlerEnded(let error):
                    ended = .some(error)
                case .leaseLost where ended == nil && stoppedBy == nil:
                    stoppedBy = .leaseLost
                case .graceOver where ended == nil && stoppedBy == nil:
                    stoppedBy = .cutShortByShutdown
                case .leaseLost, .graceOver, .watcherStopped:
                    continue
                }
                // The handler ended or must stop: either way the watchers have nothing left to do.
                group.cancelAll()
            }
            switch (stoppedBy, ended) {
            case (.leaseLost?, _): return .leaseLost
            // A handler that finished its work despite being asked to stop has done the job.
            case (_, .some(.none)): return .returned
            case (.cutShortByShutdown?, _): return .cutShortByShutdown
            case (_, .some(.some(let error))): return .threw(error)
            case (_, .none): return .cutShortByShutdown
            }
        }
    }

    private func keepLease() async -> Event {
        let settings = worker.settings
        while true {
            do {
                try await Task.sleep(for: settings.lease / 2)
            } catch {
                return .watcherStopped
            }
            do {
                let held = try await worker.queue.extendLease(
                    jobID: job.id, worker: settings.workerID, lease: settings.lease)
                if !held { return .leaseLost }
            } catch {
                if Task.isCancelled { return .watcherStopped }
                // The lease may still be held: try again at the next tick rather than give up the job.
                worker.logger.warning(
                    "cannot extend a job's lease", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
    }

    private func awaitShutdownGrace() async -> Event {
        do {
            try await gracefulShutdown()
            worker.logger.info(
                "shutting down: giving the running job time to finish",
                metadata: ["job": "\(job.id)", "grace": "\(worker.settings.shutdownGrace)"])
            try await Task.sleep(for: worker.settings.shutdownGrace)
            return .graceOver
        } catch {
            return .watcherStopped
        }
    }
}
