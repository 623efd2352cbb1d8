/// Why a comment's text is refused, in words a reader can act on.
public enum CommentTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing left after trimming (and after invisible characters were removed).
    case empty
    /// Longer than ``CommentText/maxLength`` characters.
    case tooLong(limit: Int)
    /// More links than the site allows in one comment.
    case tooManyLinks(limit: Int)

    public var description: String {
        switch self {
        case .empty: "Write something before posting your comment."
        case .tooLong(let limit): "Your comment is too long: at most \(limit) characters."
        case .tooManyLinks(let limit):
            limit == 0
                ? "Comments on this site cannot contain links."
                : "Your comment has too many links: at most \(limit) per comment."
        }
    }
}
