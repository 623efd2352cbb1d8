/// A top-level comment and its replies, oldest first: the unit an article's comments are
/// listed and bounded in.
public struct CommentThread: Sendable, Equatable {
    public var comment: Comment
    public var replies: [Comment]

    public init(comment: Comment, replies: [Comment]) {
        self.comment = comment
        self.replies = replies
    }
}

/// A post's published comments as an article shows them: the first threads, and how many
/// top-level comments there are in all (more than shown: the page says where the rest are).
public struct CommentThreads: Sendable, Equatable {
    public var threads: [CommentThread]
    public var totalThreads: Int

    public init(threads: [CommentThread], totalThreads: Int) {
        self.threads = threads
        self.totalThreads = totalThreads
    }
}
