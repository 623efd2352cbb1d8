import BylineCore
import Foundation

/// The job queue's rules, free of SQL so every engine decides alike: an engine selects a job row,
/// asks these what the job becomes, and writes that back in the same transaction.
enum JobRules {
    /// Error text kept per job: a handler's error may carry a whole response body.
    static let maxErrorLength = 2000
    /// The wait before the first retry; it doubles with each further attempt.
    static let firstRetryDelay: TimeInterval = 10
    static let maxRetryDelay: TimeInterval = 3600
    /// Expired jobs one claim may mark failed before it gives up looking, so a backlog of dead
    /// jobs cannot hold its transaction open for long.
    static let maxGiveUpsPerClaim = 16

    /// Refuses what could never run: a job without a kind, with a payload no handler can parse,
    /// or that may never be attempted.
    static func validate(_ job: NewJob) throws {
        guard !job.kind.trimmingWhitespace().isEmpty else { throw StoreError.invalidInput("a job needs a kind") }
        guard job.maxAttempts >= 1 else {
            throw StoreError.invalidInput("maxAttempts must be at least 1, not \(job.maxAttempts)")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(job.payload.utf8), options: .fragmentsAllowed)) != nil
        else { throw StoreError.invalidInput("the payload of a \(job.kind) job is not JSON") }
        if let key = job.uniqueKey, key.isEmpty { throw StoreError.invalidInput("a unique key may not be empty") }
    }

    /// A lease as seconds; refuses one that would expire before the worker could do anything.
    static func leaseSeconds(_ lease: Duration) throws -> TimeInterval {
        let seconds = TimeInterval(lease.components.seconds) + TimeInterval(lease.components.attoseconds) / 1e18
        guard seconds >= 0.001 else { throw StoreError.invalidInput("a lease must be positive, not \(lease)") }
        return seconds
    }

    /// How long a job waits after failing its `attempt`th attempt: exponential, capped, and the
    /// same on every node so a retried job's time does not depend on who ran it.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let doublings = min(max(attempt - 1, 0), 30)
        return min(firstRetryDelay * pow(2, Double(doublings)), maxRetryDelay)
    }

    /// What a claim does with a due job (the engines' SQL selects exactly these: queued with
    /// `runAt <= now`, or running with `lockedUntil < now`).
    enum ClaimOutcome: Equatable {
        /// The job as it is now: running under the claimer's lease.
        case run(Job)
        /// An abandoned job that had used its last attempt: now failed, not run again, because a
        /// job that kills its worker every time must not take down node after node.
        case giveUp(Job)
    }

    static func claim(_ job: Job, worker: String, now: Date, lease: TimeInterval) -> ClaimOutcome {
        var next = job
        if job.status == .running {
            next.lastError = "attempt \(job.attempts) by \(job.lockedBy ?? "?"): the lease expired before it finished"
            if job.attempts >= job.maxAttempts {
                next.status = .failed
                next.lockedUntil = nil
                return .giveUp(next)
            }
        }
        next.status = .running
        next.attempts += 1
        next.lockedBy = worker
        next.lockedUntil = now + lease
        return .run(next)
    }

    /// Whether `worker` may still act on the job: it runs under that worker's lease, which has
    /// not expired. An expired lease counts as lost even before anyone takes the job over,
    /// since another node may do so at any moment.
    static func holds(_ job: Job, worker: String, now: Date) -> Bool {
        guard job.status == .running, job.lockedBy == worker, let until = job.lockedUntil else { return false }
        return until >= now
    }

    static func completed(_ job: Job) -> Job {
        var next = job
        next.status = .done
        next.lockedUntil = nil
        return next
    }

    /// Queued again for `retryAt` (nil: after ``retryDelay(afterAttempt:)``), or failed for good
    /// after the last attempt.
    static func failed(_ job: Job, error: String, retryAt: Date?, now: Date) -> Job {
        var next = job
        next.lastError = String(error.prefix(maxErrorLength))
        next.lockedUntil = nil
        if job.attempts >= job.maxAttempts {
            next.status = .failed
        } else {
            next.status = .queued
            next.runAt = retryAt ?? now + retryDelay(afterAttempt: job.attempts)
        }
        return next
    }

    static func extended(_ job: Job, now: Date, lease: TimeInterval) -> Job {
        var next = job
        next.lockedUntil = now + lease
        return next
    }
}
