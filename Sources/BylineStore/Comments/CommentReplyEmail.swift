import Foundation

/// The job that mails a comment's author about a reply: its kind and payload. Enqueued with the
/// reply (uniqueKey `comment-reply:<id>`), so one reply is mailed once however often it is
/// approved or retried.
public struct CommentReplyEmail: Sendable, Equatable, Codable {
    public static let kind = "comment-reply-email"

    /// The reply.
    public var commentID: Int64

    public init(commentID: Int64) {
        self.commentID = commentID
    }

    public static func uniqueKey(commentID: Int64) -> String { "comment-reply:\(commentID)" }

    public var payload: String { "{\"commentID\":\(commentID)}" }

    public init?(payload: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(payload.utf8)) else { return nil }
        self = decoded
    }
}
