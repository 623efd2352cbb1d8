import BylineCore
import Foundation

/// Comments, written once for both engines.
///
/// An article's comments are one range of `comments_post` (post, status, id); a member's rate
/// limit one range of `comment_attempts` (member, created_at), a log of accepted comments that
/// deleting a comment does not shorten; the moderation queue one range of
/// `comments_status` (status, id). `posts.comment_count` is recounted from `comments_post` in
/// the transaction of every write that can move it, after the post's row is locked (PostgreSQL:
/// `FOR UPDATE`; SQLite has one writer), so two comments racing on one post count both. The
/// count is what the article shows: published top-level comments and published replies whose
/// parent is published.
extension SiteStore: CommentStore {
    static let commentColumns: SQL = """
        c.id, c.post_id, c.member_id, c.parent_id, c.body, c.status, c.created_at, c.edited_at,
        m.name AS author_name
        """
    static let commentTables: SQL = "comments c JOIN members m ON m.id = c.member_id"

    static func comment(from row: SQLRow) throws -> Comment {
        guard let status = CommentStatus(rawValue: try row["status"]) else {
            throw SQLDecodingError.typeMismatch(column: "status", expected: "a comment status")
        }
        return Comment(
            id: try row["id"], postID: try row["post_id"], memberID: try row["member_id"],
            parentID: try row["parent_id"], body: try row["body"], status: status, createdAt: try row["created_at"],
            editedAt: try row["edited_at"], authorName: try row["author_name"])
    }

    static func comments(_ db: any SQLConnection, where condition: SQL, order: SQL = "c.id") throws -> [Comment] {
        try db.fetchAll("SELECT \(commentColumns) FROM \(commentTables) WHERE \(condition) ORDER BY \(order)").map(
            comment(from:))
    }

    static func comment(_ db: any SQLConnection, id: Int64) throws -> Comment? {
        try comments(db, where: "c.id = \(id)").first
    }

    // MARK: Reading

    public func commentTarget(postID: Int64) async throws -> CommentTarget? {
        let now = clock.now()
        return try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    "SELECT p.id, p.slug, p.title, p.visibility, p.published_at FROM posts p WHERE p.id = \(postID) AND \(Self.isPublic(now))"
                )
            else { return nil }
            return CommentTarget(
                postID: try row["id"], slug: try row["slug"], title: try row["title"],
                visibility: Visibility(rawValue: try row["visibility"]) ?? .members,
                publishedAt: try row["published_at"])
        }
    }

    public func publishedComments(postID: Int64, limit: Int) async throws -> CommentThreads {
        try await engine.read { db in
            let published: SQL = "c.post_id = \(postID) AND c.status = 'published'"
            let top = try Self.comments(
                db, where: "\(published) AND c.parent_id IS NULL", order: "c.id LIMIT \(max(0, limit))")
            let total: Int =
                try db.value("SELECT COUNT(*) FROM comments c WHERE \(published) AND c.parent_id IS NULL") ?? 0
            var replies: [Int64: [Comment]] = [:]
            for reply in try Self.comments(db, where: "\(published) AND c.parent_id IN \(list: top.map(\.id))") {
                replies[reply.parentID ?? 0, default: []].append(reply)
            }
            return CommentThreads(
                threads: top.map { CommentThread(comment: $0, replies: replies[$0.id] ?? []) }, totalThreads: total)
        }
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await engine.read { db in try Self.comment(db, id: id) }
    }

    public func comments(memberID: Int64, postID: Int64) async throws -> [Comment] {
        try await engine.read { db in
            try Self.comments(db, where: "c.member_id = \(memberID) AND c.post_id = \(postID)")
        }
    }

    public func recentComments(memberID: Int64, limit: Int) async throws -> [ModeratedComment] {
        try await engine.read { db in
            // A published reply whose parent is held or hidden is not on the article: it is
            // listed only once the parent is back, as the article and the count treat it.
            try Self.moderated(
                db,
                where: """
                    c.member_id = \(memberID) AND c.status <> 'hidden' AND (c.parent_id IS NULL OR EXISTS (
                        SELECT 1 FROM comments pc WHERE pc.id = c.parent_id AND pc.status = 'published'))
                    """,
                order: "c.created_at DESC, c.id DESC LIMIT \(max(0, limit))")
        }
    }

    // MARK: Writing

    public func addComment(_ plan: CommentWritePlan) async throws -> CommentChange {
        try await engine.write { db in
            // The post's row first: the recount below then sees every comment committed before.
            guard
                try db.fetchOne(
                    """
                    SELECT p.id FROM posts p WHERE p.id = \(plan.postID) AND \(Self.isPublic(plan.now))\
                    \(sqlite: "", postgres: " FOR UPDATE")
                    """) != nil
            else { throw CommentRefusal.postNotFound }
            // The member's row: their comments are counted one at a time against the limit.
            guard
                let member = try db.fetchOne(
                    """
                    SELECT status, comments_banned FROM members WHERE id = \(plan.memberID)\
                    \(sqlite: "", postgres: " FOR UPDATE")
                    """)
            else { throw CommentRefusal.notConfirmed }
            guard (try member["status"] as String) == MemberStatus.confirmed.rawValue else {
                throw CommentRefusal.notConfirmed
            }
            guard (try member["comments_banned"] as Int64) == 0 else { throw CommentRefusal.banned }
            // Counted from the attempt log, not from `comments`: deleting a comment and posting
            // it again still counts twice.
            let recent: Int =
                try db.value(
                    """
                    SELECT COUNT(*) FROM comment_attempts
                    WHERE member_id = \(plan.memberID) AND created_at > \(plan.rateWindowStart)
                    """) ?? 0
            guard recent < plan.rateLimit.count else { throw CommentRefusal.rateLimited }
            var parentID: Int64?
            if let requested = plan.parentID {
                guard
                    let parent = try db.fetchOne(
                        """
                        SELECT id, parent_id FROM comments
                        WHERE id = \(requested) AND post_id = \(plan.postID) AND status = 'published'
                        """)
                else { throw CommentRefusal.parentNotFound }
                // One level of threading: a reply to a reply joins its top-level comment.
                let grandparent: Int64? = try parent["parent_id"]
                parentID = try grandparent ?? parent["id"]
            }
            let hasPublished =
                try db.value(
                    "SELECT 1 FROM comments WHERE member_id = \(plan.memberID) AND status = 'published' LIMIT 1",
                    as: Int.self) != nil
            let trusted = !plan.holdFirstComment || hasPublished
            let status: CommentStatus = trusted ? .published : .pending
            let id = try db.insertReturningID(
                """
                INSERT INTO comments (post_id, member_id, parent_id, body, status, created_at)
                VALUES (\(plan.postID), \(plan.memberID), \(parentID), \(plan.body), \(status.rawValue), \(plan.now))
                """)
            try db.execute(
                """
                DELETE FROM comment_attempts
                WHERE member_id = \(plan.memberID) AND created_at <= \(plan.rateWindowStart)
                """)
            try db.execute(
                "INSERT INTO comment_attempts (member_id, created_at) VALUES (\(plan.memberID), \(plan.now))")
            guard let comment = try Self.comment(db, id: id) else { throw StoreError.notFound("comment \(id)") }
            // A held comment changes no page yet.
            guard status == .published else { return CommentChange(comment: comment, touched: []) }
            try Self.enqueueReplyEmail(db, comment, now: plan.now)
            let touched = try Self.commentsChanged(db, postID: plan.postID, now: plan.now)
            return CommentChange(comment: comment, touched: touched)
        }
    }

    public func editComment(
        id: Int64, memberID: Int64, body: String, editableSince: Date, holdFirstComment: Bool
    ) async throws -> CommentChange? {
        let now = clock.now()
        return try await engine.write { db in
            guard let postID: Int64 = try db.value("SELECT post_id FROM comments WHERE id = \(id)") else {
                return nil
            }
            try Self.lockPost(db, postID)
            guard
                let member = try db.fetchOne(
                    """
                    SELECT comments_banned FROM members WHERE id = \(memberID)\
                    \(sqlite: "", postgres: " FOR UPDATE")
                    """)
            else { return nil }
            guard (try member["comments_banned"] as Int64) == 0 else { throw CommentRefusal.banned }
            guard
                let before = try Self.comment(db, id: id), before.memberID == memberID,
                before.createdAt >= editableSince, before.status != .hidden
            else { return nil }
            // "Post harmless, get approved, edit in spam": while first comments are held, an
            // edit by a member with no other published comment goes back to the moderators.
            var status = before.status
            if holdFirstComment, status == .published {
                let other =
                    try db.value(
                        """
                        SELECT 1 FROM comments
                        WHERE member_id = \(memberID) AND status = 'published' AND id <> \(id) LIMIT 1
                        """, as: Int.self) != nil
                if !other { status = .pending }
            }
            try db.execute(
                """
                UPDATE comments SET body = \(body), edited_at = \(now), status = \(status.rawValue)
                WHERE id = \(id)
                """)
            guard let comment = try Self.comment(db, id: id) else { return nil }
            if status != before.status {
                return CommentChange(comment: comment, touched: try Self.commentsChanged(db, postID: postID, now: now))
            }
            guard comment.status == .published else { return CommentChange(comment: comment, touched: []) }
            try Self.recordChange(db, [.post(comment.postID)], now: now)
            return CommentChange(comment: comment, touched: [.post(comment.postID)])
        }
    }

    public func deleteComment(id: Int64, memberID: Int64?) async throws -> CommentChange? {
        let now = clock.now()
        let owner: SQL = memberID.map { " AND member_id = \($0)" } ?? ""
        return try await engine.write { db in
            guard let postID: Int64 = try db.value("SELECT post_id FROM comments WHERE id = \(id)\(owner)") else {
                return nil
            }
            try Self.lockPost(db, postID)
            // Replies go with it (ON DELETE CASCADE).
            try db.execute("DELETE FROM comments WHERE id = \(id)")
            return CommentChange(comment: nil, touched: try Self.commentsChanged(db, postID: postID, now: now))
        }
    }

    public func setCommentStatus(id: Int64, _ status: CommentStatus) async throws -> CommentChange? {
        let now = clock.now()
        return try await engine.write { db in
            guard let postID: Int64 = try db.value("SELECT post_id FROM comments WHERE id = \(id)") else {
                return nil
            }
            try Self.lockPost(db, postID)
            try db.execute("UPDATE comments SET status = \(status.rawValue) WHERE id = \(id)")
            guard let comment = try Self.comment(db, id: id) else { return nil }
            if status == .published { try Self.enqueueReplyEmail(db, comment, now: now) }
            return CommentChange(comment: comment, touched: try Self.commentsChanged(db, postID: postID, now: now))
        }
    }

    // MARK: Moderation

    static func moderated(_ db: any SQLConnection, where condition: SQL, order: SQL) throws -> [ModeratedComment] {
        try db.fetchAll(
            """
            SELECT \(commentColumns), m.email AS member_email, m.comments_banned, p.title AS post_title,
                p.slug AS post_slug
            FROM \(commentTables) JOIN posts p ON p.id = c.post_id
            WHERE \(condition) ORDER BY \(order)
            """
        ).map { row in
            ModeratedComment(
                comment: try comment(from: row), postTitle: try row["post_title"], postSlug: try row["post_slug"],
                memberEmail: try row["member_email"], memberBanned: (try row["comments_banned"] as Int64) != 0)
        }
    }

    public func moderationQueue(status: CommentStatus?, _ page: PageRequest) async throws -> Page<ModeratedComment> {
        let condition: SQL = status.map { "c.status = \($0.rawValue)" } ?? "1 = 1"
        // Every status: the comments waiting for a decision first.
        let order: SQL =
            status == nil
            ? "CASE WHEN c.status = 'pending' THEN 0 ELSE 1 END, c.id DESC" : "c.id DESC"
        return try await engine.read { db in
            let items = try Self.moderated(
                db, where: condition, order: "\(order) LIMIT \(page.perPage) OFFSET \(page.offset)")
            let total: Int = try db.value("SELECT COUNT(*) FROM comments c WHERE \(condition)") ?? 0
            return Page(items: items, number: page.number, totalItems: total, perPage: page.perPage)
        }
    }

    public func pendingCommentCount() async throws -> Int {
        try await engine.read { db in
            try db.value("SELECT COUNT(*) FROM comments WHERE status = 'pending'") ?? 0
        }
    }

    public func setCommentsBanned(memberID: Int64, _ banned: Bool) async throws {
        try await engine.write { db in
            try db.execute("UPDATE members SET comments_banned = \(banned ? 1 : 0) WHERE id = \(memberID)")
        }
    }

    // MARK: Members

    public func commenter(memberID: Int64) async throws -> Commenter? {
        try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    """
                    SELECT id, name, email, status, comments_banned, comment_reply_emails, email_disabled
                    FROM members WHERE id = \(memberID)
                    """)
            else { return nil }
            return Commenter(
                memberID: try row["id"], name: try row["name"], email: try row["email"],
                confirmed: (try row["status"] as String) == MemberStatus.confirmed.rawValue,
                banned: (try row["comments_banned"] as Int64) != 0,
                replyEmails: (try row["comment_reply_emails"] as Int64) != 0,
                emailDisabled: (try row["email_disabled"] as Int64) != 0)
        }
    }

    public func setCommentReplyEmails(memberID: Int64, _ enabled: Bool) async throws {
        try await engine.write { db in
            try db.execute("UPDATE members SET comment_reply_emails = \(enabled ? 1 : 0) WHERE id = \(memberID)")
        }
    }

    // MARK: Reply emails

    public func takeReplyEmail(commentID: Int64) async throws -> CommentReplyNotice? {
        let now = clock.now()
        return try await engine.write { db in
            guard
                try db.fetchOne(
                    """
                    UPDATE comments SET reply_emailed_at = \(now)
                    WHERE id = \(commentID) AND reply_emailed_at IS NULL AND status = 'published'
                    RETURNING id
                    """) != nil,
                let reply = try Self.comment(db, id: commentID), let parentID = reply.parentID,
                let row = try db.fetchOne(
                    """
                    SELECT m.id, m.name, m.email, m.status, m.comments_banned, m.comment_reply_emails,
                        m.email_disabled, p.title, p.slug
                    FROM comments c JOIN members m ON m.id = c.member_id JOIN posts p ON p.id = c.post_id
                    WHERE c.id = \(parentID) AND c.status = 'published' AND \(Self.isPublic(now))
                    """)
            else { return nil }
            let recipient = Commenter(
                memberID: try row["id"], name: try row["name"], email: try row["email"],
                confirmed: (try row["status"] as String) == MemberStatus.confirmed.rawValue,
                banned: (try row["comments_banned"] as Int64) != 0,
                replyEmails: (try row["comment_reply_emails"] as Int64) != 0,
                emailDisabled: (try row["email_disabled"] as Int64) != 0)
            guard recipient.memberID != reply.memberID, recipient.confirmed, recipient.replyEmails,
                !recipient.emailDisabled
            else { return nil }
            return CommentReplyNotice(
                reply: reply, postTitle: try row["title"], postSlug: try row["slug"], recipient: recipient)
        }
    }

    public func releaseReplyEmail(commentID: Int64) async throws {
        try await engine.write { db in
            try db.execute("UPDATE comments SET reply_emailed_at = NULL WHERE id = \(commentID)")
        }
    }

    // MARK: Parts

    /// Holds the post's row until the transaction ends (PostgreSQL; SQLite has one writer).
    static func lockPost(_ db: any SQLConnection, _ postID: Int64) throws {
        if db.dialect == .postgres { try db.execute("SELECT id FROM posts WHERE id = \(postID) FOR UPDATE") }
    }

    /// After a comment write on `postID`: the published count recounted, and the article (and,
    /// when the count moved, the listings that show it) dropped from every cache.
    @discardableResult
    static func commentsChanged(_ db: any SQLConnection, postID: Int64, now: Date) throws -> Set<ChangeKey> {
        let keys = try recount(db, postID: postID)
        if !keys.isEmpty { try recordChange(db, keys, now: now) }
        return keys
    }

    /// Recounts the post's published comments; returns the keys of the pages that changed.
    static func recount(_ db: any SQLConnection, postID: Int64) throws -> Set<ChangeKey> {
        guard
            let row = try db.fetchOne("SELECT id, author_id, title_key, comment_count FROM posts WHERE id = \(postID)")
        else { return [] }
        let before: Int64 = try row["comment_count"]
        // What the article shows: a published reply under a held or hidden parent is not shown.
        let count: Int64 =
            try db.value(
                """
                SELECT COUNT(*) FROM comments c
                WHERE c.post_id = \(postID) AND c.status = 'published' AND (c.parent_id IS NULL OR EXISTS (
                    SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published'))
                """) ?? 0
        if count != before {
            try db.execute("UPDATE posts SET comment_count = \(count) WHERE id = \(postID)")
        }
        return TouchedKeys.comment(try placement(db, row: row), countChanged: count != before)
    }

    /// A published reply to someone else's comment: the email to the parent's author, queued
    /// once per reply (a second approval finds the job by its key).
    static func enqueueReplyEmail(_ db: any SQLConnection, _ comment: Comment, now: Date) throws {
        guard let parentID = comment.parentID,
            let parentMember: Int64 = try db.value("SELECT member_id FROM comments WHERE id = \(parentID)"),
            parentMember != comment.memberID
        else { return }
        let job = CommentReplyEmail(commentID: comment.id)
        _ = try insertJob(
            db,
            NewJob(
                kind: CommentReplyEmail.kind, payload: job.payload,
                uniqueKey: CommentReplyEmail.uniqueKey(commentID: comment.id)), now: now)
    }

    /// The pages showing a member's name under their comments: the posts they have published
    /// comments on, the most recently commented first, bounded (older articles' pages age out).
    static func memberCommentKeys(_ db: any SQLConnection, memberID: Int64) throws -> Set<ChangeKey> {
        let rows = try db.fetchAll(
            """
            SELECT post_id FROM comments WHERE member_id = \(memberID) AND status = 'published'
            GROUP BY post_id ORDER BY MAX(id) DESC LIMIT \(memberCommentKeyLimit)
            """)
        return Set(try rows.map { ChangeKey.post(try $0["post_id"] as Int64) })
    }

    /// At most this many article pages are dropped when a commenter renames.
    static let memberCommentKeyLimit = 500

    public func commentPages(memberID: Int64) async throws -> Set<ChangeKey> {
        try await engine.read { db in try Self.memberCommentKeys(db, memberID: memberID) }
    }

    /// Before a member is deleted: the posts their comments are on, to recount once the rows
    /// (and replies to them) are gone.
    static func postsCommented(_ db: any SQLConnection, memberID: Int64) throws -> [Int64] {
        try db.fetchAll("SELECT DISTINCT post_id FROM comments WHERE member_id = \(memberID)").map {
            try $0["post_id"] as Int64
        }
    }

    /// After a member's comments went with them: each post recounted and its pages dropped.
    static func recountAfterMemberDeletion(_ db: any SQLConnection, postIDs: [Int64], now: Date) throws {
        var keys: Set<ChangeKey> = []
        for postID in postIDs.sorted() {
            try lockPost(db, postID)
            keys.formUnion(try recount(db, postID: postID))
        }
        if !keys.isEmpty { try recordChange(db, keys, now: now) }
    }
}
