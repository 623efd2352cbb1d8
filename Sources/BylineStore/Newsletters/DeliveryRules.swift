import Foundation

/// The delivery queue's rules, free of SQL so both engines decide alike.
enum DeliveryRules {
    /// Claims a delivery gets before it fails for good (each expired lease counts as one, so a
    /// message that kills its worker every time cannot take down node after node).
    static let maxAttempts = 6
    /// The wait before the first retry after a temporary failure; doubles with each further one.
    static let firstRetryDelay: TimeInterval = 60
    static let maxRetryDelay: TimeInterval = 3600
    /// The wait of a delivery put back because the SMTP server was unreachable.
    static let deferDelay: TimeInterval = 30
    /// Error text kept per delivery.
    static let maxErrorLength = 500
    /// The most deliveries one claim takes.
    static let maxClaim = 1000

    /// When a delivery that failed its `attempt`th attempt is tried again.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let doublings = min(max(attempt - 1, 0), 20)
        return min(firstRetryDelay * pow(2, Double(doublings)), maxRetryDelay)
    }
}

/// The job that starts a post's newsletter send when the post goes live: its payload names the
/// post and the newsletter; its unique key makes a post's email one job, ever.
public enum NewsletterSendJob {
    public static let kind = "newsletter.send"

    public struct Payload: Codable, Sendable, Equatable {
        public var postID: Int64
        public var newsletterID: Int64

        public init(postID: Int64, newsletterID: Int64) {
            self.postID = postID
            self.newsletterID = newsletterID
        }
    }

    public static func uniqueKey(postID: Int64) -> String { "newsletter.send.post.\(postID)" }

    public static func newJob(postID: Int64, newsletterID: Int64) -> NewJob {
        let payload = Payload(postID: postID, newsletterID: newsletterID)
        let json = (try? JSONEncoder().encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return NewJob(kind: kind, payload: json, maxAttempts: 10, uniqueKey: uniqueKey(postID: postID))
    }
}
