import BylineCore
import Foundation

/// A new comment's values, derived once before any engine runs.
public struct CommentWritePlan: Sendable, Equatable {
    /// The most comments one member may post within ``window``, counted in the store so the
    /// limit holds across nodes.
    public struct RateLimit: Sendable, Equatable {
        public var count: Int
        public var window: TimeInterval

        public init(count: Int, window: TimeInterval) {
            self.count = count
            self.window = window
        }

        /// Five comments in ten minutes: a conversation, not a flood.
        public static let standard = RateLimit(count: 5, window: 10 * 60)
    }

    public var postID: Int64
    public var memberID: Int64
    /// The comment replied to (a reply to a reply attaches to its top-level comment); nil: top level.
    public var parentID: Int64?
    /// The cleaned text (``CommentText/validated(_:maxLinks:)``).
    public var body: String
    /// Whether a member without a published comment waits for a moderator.
    public var holdFirstComment: Bool
    public var rateLimit: RateLimit
    public var now: Date

    /// Refuses text that breaks the site's rules, as ``StoreError/invalidInput(_:)``.
    public init(
        postID: Int64, memberID: Int64, parentID: Int64?, text: String, settings: CommentSettings,
        rateLimit: RateLimit = .standard, now: Date
    ) throws {
        do {
            body = try CommentText.validated(text, maxLinks: settings.maxLinks)
        } catch {
            throw StoreError.invalidInput(error.description)
        }
        self.postID = postID
        self.memberID = memberID
        self.parentID = parentID
        self.holdFirstComment = settings.holdFirstComment
        self.rateLimit = rateLimit
        self.now = now
    }

    /// Comments the member posted after this count against the limit.
    public var rateWindowStart: Date { now.addingTimeInterval(-rateLimit.window) }
}
