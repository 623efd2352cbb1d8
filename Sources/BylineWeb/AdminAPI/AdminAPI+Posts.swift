import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/admin/posts...`: list, read, create, save, delete, publish, schedule, unpublish,
/// revisions.
extension AdminAPI {
    /// The body of a posts list: Ghost's shape, `{"posts": [...], "meta": {"pagination": ...}}`.
    struct PostList: Encodable {
        struct Meta: Encodable { let pagination: APIPagination }
        let posts: [APIPostSummary]
        let meta: Meta
    }

    @Sendable func listPosts(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let query = try PostListQuery(request)
        let page = try await env.newsroom.postListings(for: user, query.filter, query.page)
        return APIResponse.json(
            PostList(
                posts: page.items.map { APIPostSummary(listing: $0, publicURL: env.publicURL) },
                meta: .init(pagination: APIPagination(page))))
    }

    @Sendable func readPost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let post = try await env.newsroom.post(id: try id(context, of: "post"), for: user)
        return one("posts", try await full(post))
    }

    /// A new draft: 201 with its address in `Location`.
    @Sendable func createPost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let fields = try await imageIDsAsAddresses(
            try await JSONFields.read(request, context: context, envelope: "posts"))
        let draft = try fields.postDraft(over: nil, authorID: user.authorID)
        let post = try await env.newsroom.createPost(draft, by: user).post
        return one(
            "posts", try await full(post), status: .created, headers: [.location: "/api/admin/posts/\(post.id)"])
    }

    /// Saves the fields sent over the post. `updated_at` must be the value the client last read:
    /// when someone saved since, nothing is written and 409 carries the current `updated_at`,
    /// so two editors never silently overwrite each other.
    @Sendable func updatePost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let postID = try id(context, of: "post")
        let fields = try await imageIDsAsAddresses(
            try await JSONFields.read(request, context: context, envelope: "posts"))
        guard let expected = try fields.date("updated_at") else {
            throw NewsroomError.invalidField(
                field: "updated_at", reason: "is required: send the updated_at of the post as you last read it")
        }
        let current = try await checked(postID, expected: expected, for: user)
        let draft = try fields.postDraft(over: current, authorID: user.authorID)
        let post = try await env.newsroom.updatePost(
            id: postID, draft, expectedUpdatedAt: current.updatedAt, by: user
        ).post
        return one("posts", try await full(post))
    }

    /// 204.
    @Sendable func deletePost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        try await env.newsroom.deletePost(id: try id(context, of: "post"), by: user)
        return APIResponse.noContent()
    }

    /// Live now, or with the `published_at` given (a past date backdates it; a future one
    /// schedules it, as Ghost does).
    @Sendable func publishPost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let fields = try await JSONFields.read(request, context: context, envelope: "posts", allowEmpty: true)
        return try await setPublication(.publish(at: try fields.date("published_at")), fields, context)
    }

    /// Live at `published_at`, which must be in the future.
    @Sendable func schedulePost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let fields = try await imageIDsAsAddresses(
            try await JSONFields.read(request, context: context, envelope: "posts"))
        guard let at = try fields.date("published_at") else {
            throw NewsroomError.invalidField(field: "published_at", reason: "is required: when the post goes live")
        }
        guard at > env.clock.now() else {
            throw NewsroomError.invalidField(
                field: "published_at", reason: "must be in the future; to publish now, use /publish")
        }
        return try await setPublication(.schedule(at: at), fields, context)
    }

    /// Back to a draft: readers no longer see it.
    @Sendable func unpublishPost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let fields = try await JSONFields.read(request, context: context, envelope: "posts", allowEmpty: true)
        return try await setPublication(.unpublish, fields, context)
    }

    /// The publication actions' common part; an `updated_at` in the body is checked as a save's.
    private func setPublication(_ publication: Publication, _ fields: JSONFields, _ context: BylineRequestContext)
        async throws -> Response
    {
        let user = try staff(context)
        let postID = try id(context, of: "post")
        var expectedUpdatedAt: Date?
        if let expected = try fields.date("updated_at") {
            expectedUpdatedAt = try await checked(postID, expected: expected, for: user).updatedAt
        }
        let post = try await env.newsroom.setPublication(
            postID: postID, publication, email: try await emailChoice(fields), expectedUpdatedAt: expectedUpdatedAt,
            by: user
        ).post
        return one("posts", try await full(post))
    }

    /// Newest first.
    @Sendable func listRevisions(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let revisions = try await env.newsroom.revisions(postID: try id(context, of: "post"), for: user)
        return APIResponse.json(["revisions": revisions.map(APIRevision.init)])
    }

    /// Puts a revision's title, body, excerpt and tags back, as a new save.
    @Sendable func restoreRevision(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let postID = try id(context, of: "post")
        let revisionID = try id(context, "revision", of: "revision")
        guard let revision = try await env.store.revision(id: revisionID), revision.postID == postID else {
            throw NewsroomError.notFound("revision \(revisionID) of post \(postID)")
        }
        let post = try await env.newsroom.restore(revisionID: revisionID, by: user).post
        return one("posts", try await full(post))
    }

    /// The post the user may open, when it is still as they read it (to the millisecond the
    /// API shows); otherwise the conflict, with the time of the save they missed.
    private func checked(_ postID: Int64, expected: Date, for user: StaffUser) async throws -> Post {
        let current = try await env.newsroom.post(id: postID, for: user)
        guard APITimestamp.sameInstant(current.updatedAt, expected) else {
            throw NewsroomError.conflict(currentUpdatedAt: current.updatedAt)
        }
        return current
    }

    /// A post with its HTML as readers get it: READ ALSO links to public posts resolved.
    func full(_ post: Post) async throws -> APIPost {
        let html = try await ResolvedBody.html(post, store: env.store, origin: env.publicURL)
        var full = APIPost(post: post, html: html, publicURL: env.publicURL)
        let sends = try await env.store.newsletterSends(postID: post.id)
        var newsletterID = sends.first?.newsletterID
        if newsletterID == nil { newsletterID = try await env.store.emailNewsletterID(postID: post.id) }
        if let newsletterID { full.newsletter = try await env.store.newsletter(id: newsletterID)?.slug }
        if let send = sends.first { full.emailProgress = try await env.store.deliveryProgress(sendID: send.id) }
        return full
    }

    /// The `newsletter` field of a publish or schedule: a newsletter's slug sends the post to
    /// its subscribers when it goes live, `null` sends nothing, and no field keeps the choice.
    func emailChoice(_ fields: JSONFields) async throws -> PostEmailChoice {
        guard fields.has("newsletter") else { return .keep }
        return try await env.newsroom.emailChoice(newsletterSlug: try fields.string("newsletter"))
    }
}
