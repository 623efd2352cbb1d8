import Foundation

/// Where one member's copy of a newsletter send is.
public enum DeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for its `runAt` (a first try, or a retry after a temporary failure).
    case queued
    /// Claimed by a worker whose lease has not run out; it may be on the wire right now.
    case sending
    /// The SMTP server accepted it.
    case sent
    /// Refused for good (5xx), or out of attempts.
    case failed
    /// Not sent: the member unsubscribed or their address was disabled after the send began.
    case skipped
}

/// A delivery claimed by a worker, with what sending it needs.
public struct ClaimedDelivery: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var sendID: Int64
    public var postID: Int64
    public var newsletterID: Int64
    public var memberID: Int64
    public var email: String
    public var name: String
    /// Claims so far, this one included.
    public var attempts: Int

    public init(
        id: Int64, sendID: Int64, postID: Int64, newsletterID: Int64, memberID: Int64, email: String, name: String,
        attempts: Int
    ) {
        self.id = id
        self.sendID = sendID
        self.postID = postID
        self.newsletterID = newsletterID
        self.memberID = memberID
        self.email = email
        self.name = name
        self.attempts = attempts
    }
}

/// How one attempt at a delivery ended, as a worker reports it.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The SMTP server accepted the message.
    case sent(deliveryID: Int64)
    /// A temporary failure (4xx, a connection that broke): tried again later, until the
    /// attempts run out.
    case retry(deliveryID: Int64, error: String)
    /// A permanent refusal (5xx): not tried again; `hardBounce` counts against the address.
    case failed(deliveryID: Int64, error: String, hardBounce: Bool)
    /// Not attempted: the SMTP server could not be reached at all. Queued again shortly without
    /// using up an attempt, so an outage of any length fails nobody.
    case deferred(deliveryID: Int64, error: String)

    public var deliveryID: Int64 {
        switch self {
        case .sent(let id), .retry(let id, _), .failed(let id, _, _), .deferred(let id, _): id
        }
    }
}

/// Deliveries of one send by status: the admin's and the CLI's progress display.
public struct DeliveryProgress: Sendable, Equatable, Codable {
    public var queued = 0
    public var sending = 0
    public var sent = 0
    public var failed = 0
    public var skipped = 0

    public init() {}

    public var total: Int { queued + sending + sent + failed + skipped }
    /// Nothing left to do: every delivery was sent, failed or skipped.
    public var isFinished: Bool { queued == 0 && sending == 0 }

    public subscript(status: DeliveryStatus) -> Int {
        get {
            switch status {
            case .queued: queued
            case .sending: sending
            case .sent: sent
            case .failed: failed
            case .skipped: skipped
            }
        }
        set {
            switch status {
            case .queued: queued = newValue
            case .sending: sending = newValue
            case .sent: sent = newValue
            case .failed: failed = newValue
            case .skipped: skipped = newValue
            }
        }
    }
}

/// A send with its newsletter's name and progress, for lists.
public struct NewsletterSendSummary: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var postID: Int64
    public var postTitle: String
    public var newsletterID: Int64
    public var newsletterName: String
    public var subject: String
    public var createdAt: Date
    public var progress: DeliveryProgress

    public init(
        id: Int64, postID: Int64, postTitle: String, newsletterID: Int64, newsletterName: String, subject: String,
        createdAt: Date, progress: DeliveryProgress
    ) {
        self.id = id
        self.postID = postID
        self.postTitle = postTitle
        self.newsletterID = newsletterID
        self.newsletterName = newsletterName
        self.subject = subject
        self.createdAt = createdAt
        self.progress = progress
    }
}
