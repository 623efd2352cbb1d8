import BylineCore

/// What a comment write did: the comment as it is now (nil once deleted) and the pages it
/// touched, which the node that wrote drops from its cache at once (the others follow the
/// change log).
public struct CommentChange: Sendable, Equatable {
    public var comment: Comment?
    public var touched: Set<ChangeKey>

    public init(comment: Comment?, touched: Set<ChangeKey>) {
        self.comment = comment
        self.touched = touched
    }
}
