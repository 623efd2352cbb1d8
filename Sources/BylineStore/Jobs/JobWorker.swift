import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Runs one job; throwing fails the attempt (the error's text is stored and the job retried).
/// It should stop soon when its task is cancelled: the worker cancels it when it loses the lease
/// or must shut down.
public typealias JobHandler = @Sendable (Job) async throws -> Void

/// Works off a ``JobQueue``, one job at a time: claims the oldest due job of a kind it has a
/// handler for, runs the handler while keeping the lease alive, then completes or fails the job.
/// Run one per node (add it to the node's `ServiceGroup`); any number may share one database.
///
/// Polls every ``Settings/pollInterval`` while there is nothing to do, and claims again at once
/// after each job. On graceful shutdown it claims nothing more and gives the running handler
/// ``Settings/shutdownGrace`` to finish; a handler cut short then, or by cancellation, leaves its
/// job running under a lease nobody extends, so another node takes it over once it expires.
public final class JobWorker: Service {
    /// How a worker polls and leases.
    public struct Settings: Sendable {
        /// Names this worker in `lockedBy`; unique per running worker.
        public var workerID: String
        /// The pause between claims while none finds a job.
        public var pollInterval: Duration
        /// How long a claim holds a job without news from this worker; extended every half lease
        /// while the handler runs. A dead node's jobs wait this long before another node runs them.
        public var lease: Duration
        /// How long a running handler may go on after graceful shutdown starts.
        public var shutdownGrace: Duration

        public init(
            workerID: String = JobWorker.defaultWorkerID(), pollInterval: Duration = .milliseconds(200),
            lease: Duration = .seconds(60), shutdownGrace: Duration = .seconds(10)
        ) {
            self.workerID = workerID
            self.pollInterval = pollInterval
            self.lease = lease
            self.shutdownGrace = shutdownGrace
        }
    }

    public let settings: Settings
    let queue: any JobQueue
    let handlers: [String: JobHandler]
    let logger: Logger

    /// The longest pause between claims that keep failing (the database is away).
    static let maxErrorPause: Duration = .seconds(5)

    /// - Throws: ``StoreError/invalidInput(_:)`` for no handlers, or a lease or poll interval that
    ///   is not positive.
    public init(
        queue: any JobQueue, handlers: [String: JobHandler], settings: Settings = Settings(),
        logger: Logger = Logger(label: "byline.jobs")
    ) throws {
        guard !handlers.isEmpty else { throw StoreError.invalidInput("a job worker needs at least one handler") }
        guard settings.pollInterval > .zero, settings.lease > .zero, settings.shutdownGrace >= .zero else {
            throw StoreError.invalidInput("the poll interval and the lease must be positive")
        }
        self.queue = queue
        self.handlers = handlers
        self.settings = settings
        var logger = logger
        logger[metadataKey: "worker"] = "\(settings.workerID)"
        self.logger = logger
    }

    /// The host's name, the process id and a random suffix: unique per worker, and telling an
    /// operator where a job ran.
    public static func defaultWorkerID() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return "\(host)-\(ProcessInfo.processInfo.processIdentifier)-\(suffix)"
    }

    /// `Service`: works until graceful shutdown or cancellation.
    public func run() async throws {
        let kinds = handlers.keys.sorted()
        logger.info("job worker started", metadata: ["kinds": "\(kinds.joined(separator: ","))"])
        var failedClaims = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let job: Job?
            do {
                job = try await queue.claim(worker: settings.workerID, kinds: kinds, lease: settings.lease)
                failedClaims = 0
            } catch {
                if Task.isCancelled { break }
                failedClaims += 1
                logger.error("cannot claim a job", metadata: ["error": "\(error)", "failures": "\(failedClaims)"])
                await pause(errorPause(after: failedClaims))
                continue
            }
            if let job {
                await process(job)
            } else {
                await pause(settings.pollInterval)
            }
        }
        logger.info("job worker stopped")
    }

    /// Sleeps, waking early for graceful shutdown or cancellation.
    private func pause(_ duration: Duration) async {
        _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }

    /// Doubles from the poll interval with each failed claim, up to ``maxErrorPause``, so a node
    /// whose database is away neither spins nor waits long once it is back.
    func errorPause(after failures: Int) -> Duration {
        var pause = settings.pollInterval
        for _ in 1..<max(failures, 1) where pause < Self.maxErrorPause { pause *= 2 }
        return min(pause, Self.maxErrorPause)
    }

    /// Runs a claimed job and records how it ended, unless the job is no longer this worker's.
    private func process(_ job: Job) async {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(job.id)"
        logger[metadataKey: "kind"] = "\(job.kind)"
        logger.debug("job claimed", metadata: ["attempt": "\(job.attempts)"])
        guard let handler = handlers[job.kind] else {
            // Claims name only kinds with handlers: this is a bug, and the job should not wait for it.
            await record(job, error: "no handler for job kind \(job.kind)", logger: logger)
            return
        }
        let run = await JobRun(job: job, handler: handler, worker: self).outcome()
        if Task.isCancelled {
            logger.warning("job worker cancelled mid-job: the job is left to its lease and will run again")
            return
        }
        switch run {
        case .returned:
            do {
                if try await queue.complete(jobID: job.id, worker: settings.workerID) {
                    logger.debug("job done")
                } else {
                    logger.warning("job finished after its lease was lost: another worker owns it now")
                }
            } catch {
                logger.error("cannot record a finished job: it will run again", metadata: ["error": "\(error)"])
            }
        case .threw(let error):
            await record(job, error: "\(error)", logger: logger)
        case .leaseLost:
            logger.warning("lost the job's lease while running it: stopped the handler, another worker owns it")
        case .cutShortByShutdown:
            logger.notice("shutdown stopped the job: it is left to its lease and will run again")
        }
    }

    private func record(_ job: Job, error: String, logger: Logger) async {
        do {
            if try await queue.fail(jobID: job.id, worker: settings.workerID, error: error, retryAt: nil) {
                logger.warning(
                    "job attempt failed",
                    metadata: ["error": "\(error)", "attempt": "\(job.attempts)", "of": "\(job.maxAttempts)"])
            } else {
                logger.warning("job failed after its lease was lost", metadata: ["error": "\(error)"])
            }
        } catch let storeError {
            logger.error(
                "cannot record a failed job: it will run again",
                metadata: ["error": "\(error)", "storeError": "\(storeError)"])
        }
    }
}
