import BylineCore
import Foundation

/// Comments under articles, written by members and moderated by staff, and the member's comment
/// preferences (banned from commenting, reply emails). Every write that changes what a page
/// shows keeps `posts.comment_count` (published comments) right in its own transaction and
/// records the post's change keys, so cached articles and listings are dropped on every node.
public protocol CommentStore: Sendable {
    // MARK: Reading

    /// The post a comment may be left on: a published, public-by-date post; nil otherwise.
    /// The web layer asks the gate whether the member may read it.
    func commentTarget(postID: Int64) async throws -> CommentTarget?
    /// A post's published comments as its article shows them: the first `limit` top-level
    /// comments, oldest first, each with its published replies, oldest first.
    func publishedComments(postID: Int64, limit: Int) async throws -> CommentThreads
    func comment(id: Int64) async throws -> Comment?
    /// A member's comments on one post (any status), oldest first: what their own browser may
    /// mark as theirs.
    func comments(memberID: Int64, postID: Int64) async throws -> [Comment]
    /// A member's latest comments (any status but hidden), newest first, with their posts.
    func recentComments(memberID: Int64, limit: Int) async throws -> [ModeratedComment]

    // MARK: Writing

    /// Adds a member's comment (see ``CommentWritePlan``). Refuses with ``CommentRefusal``: an
    /// unknown or unpublished post or parent, a banned or unconfirmed member, too many recent
    /// comments. A reply to a reply attaches to its top-level comment. A published reply to
    /// another member's comment enqueues the reply email (``CommentReplyEmail``) in the same
    /// transaction.
    func addComment(_ plan: CommentWritePlan) async throws -> CommentChange
    /// Changes the text of the member's own comment while `editableSince` has not passed its
    /// creation; nil when it is not theirs, too old or hidden. Refuses a banned member with
    /// ``CommentRefusal/banned``. With `holdFirstComment`, an edit of a published comment by a
    /// member with no other published comment sends it back to pending (and recounts): a
    /// comment approved as harmless cannot be edited into spam past the moderators.
    func editComment(
        id: Int64, memberID: Int64, body: String, editableSince: Date, holdFirstComment: Bool
    ) async throws -> CommentChange?
    /// Deletes a comment (and its replies). With `memberID`, only that member's own comment;
    /// nil: staff. Nil when there was nothing to delete.
    func deleteComment(id: Int64, memberID: Int64?) async throws -> CommentChange?
    /// A moderator's decision; approving a held reply enqueues its reply email.
    func setCommentStatus(id: Int64, _ status: CommentStatus) async throws -> CommentChange?

    // MARK: Moderation

    /// The admin's list, filtered by status (nil: every status, pending first), newest first.
    func moderationQueue(status: CommentStatus?, _ page: PageRequest) async throws -> Page<ModeratedComment>
    /// How many comments wait for a moderator.
    func pendingCommentCount() async throws -> Int
    func setCommentsBanned(memberID: Int64, _ banned: Bool) async throws

    // MARK: Members

    /// The member's comment preferences; nil when there is no such member.
    func commenter(memberID: Int64) async throws -> Commenter?
    func setCommentReplyEmails(memberID: Int64, _ enabled: Bool) async throws
    /// The article pages that show the member's name under a published comment (bounded): what
    /// a rename touches. ``MemberStore/updateMember(id:name:)`` records them in the change log;
    /// the node that renamed drops them from its cache at once with this.
    func commentPages(memberID: Int64) async throws -> Set<ChangeKey>

    // MARK: Reply emails

    /// Takes a reply's email for sending, once: marks the reply as emailed and says what to
    /// send, or nil when there is nothing to send (taken before, the reply is no longer
    /// published, or its parent's author is gone, unconfirmed, undeliverable or asked for no
    /// reply emails). A job run again after a crash finds it taken and sends no second email.
    func takeReplyEmail(commentID: Int64) async throws -> CommentReplyNotice?
    /// Gives a taken reply email back after sending failed, so a retry can send it.
    func releaseReplyEmail(commentID: Int64) async throws
}
