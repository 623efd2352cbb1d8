import BylineCore

/// What a newsroom write did: the post as now stored, and the cached pages it touched, so the
/// writing node drops them before it answers ("save and view" never shows the old page).
public struct EditedPost: Sendable {
    public var post: Post
    public var touched: Set<ChangeKey>

    public init(post: Post, touched: Set<ChangeKey>) {
        self.post = post
        self.touched = touched
    }
}
