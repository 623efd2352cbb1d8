import BylineCore

/// The `comments` partial's context: an article's published comments and, for the audience the
/// page is rendered for, the way to join in. Shared by everyone of an audience (the page is
/// cached per audience), so it holds nothing of one member: no name, no token, no "yours".
struct CommentSectionView {
    /// How many top-level comments (with their replies) an article shows.
    static let threadLimit = 200

    let postID: Int64
    let threads: [CommentView]
    let count: Int
    let hasComments: Bool
    let countLabel: String
    /// Top-level comments past ``threadLimit``, not shown.
    let hiddenThreads: Int
    let hasHiddenThreads: Bool
    /// A member (or staff) reads the page: the form. Anyone else: the sign-in link.
    let canComment: Bool
    let signInUrl: String

    init(postID: Int64, articlePath: String, threads: CommentThreads, audience: Audience, dates: DateText) {
        self.postID = postID
        self.threads = threads.threads.map { thread in
            CommentView(thread.comment, dates: dates, replies: thread.replies.map { CommentView($0, dates: dates) })
        }
        let shown = threads.threads.reduce(0) { $0 + 1 + $1.replies.count }
        self.count = shown
        self.hasComments = shown > 0
        self.countLabel = shown == 1 ? "1 comment" : "\(shown) comments"
        self.hiddenThreads = max(0, threads.totalThreads - threads.threads.count)
        self.hasHiddenThreads = hiddenThreads > 0
        self.canComment = audience != .anonymous
        self.signInUrl = "/members/signin?return_to=" + ShareView.encode(articlePath + "#comments")
    }
}

/// One comment as the `comments` partial reads it.
struct CommentView {
    let id: Int64
    let anchor: String
    let authorName: String
    let dateISO: String
    let dateDisplay: String
    /// ``CommentText/html(_:)``: escaped text with paragraphs, line breaks and links only.
    let bodyHTML: String
    let edited: Bool
    let replies: [CommentView]
    let isTopLevel: Bool

    init(_ comment: Comment, dates: DateText, replies: [CommentView] = []) {
        self.id = comment.id
        self.anchor = "comment-\(comment.id)"
        self.authorName = comment.displayName
        self.dateISO = DateText.iso(comment.createdAt)
        self.dateDisplay = dates.display(comment.createdAt)
        self.bodyHTML = CommentText.html(comment.body)
        self.edited = comment.editedAt != nil
        self.replies = replies
        self.isTopLevel = comment.parentID == nil
    }
}

extension CommentSectionView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "postID": \.postID, "threads": \.threads, "count": \.count, "hasComments": \.hasComments,
        "countLabel": \.countLabel, "hiddenThreads": \.hiddenThreads, "hasHiddenThreads": \.hasHiddenThreads,
        "canComment": \.canComment, "signInUrl": \.signInUrl,
    ]
}

extension CommentView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "id": \.id, "anchor": \.anchor, "authorName": \.authorName, "dateISO": \.dateISO,
        "dateDisplay": \.dateDisplay, "bodyHTML": \.bodyHTML, "edited": \.edited, "replies": \.replies,
        "isTopLevel": \.isTopLevel,
    ]
}
