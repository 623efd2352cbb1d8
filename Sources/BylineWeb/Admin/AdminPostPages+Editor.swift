import BylineCore
import BylineStore
import Foundation
import Hummingbird

extension AdminPostPages {
    /// What the editor says after a save sent the browser back to it (`?notice=`).
    static let editorNotices = [
        "created": "Draft created.",
        "saved": "Saved.",
        "unchanged": "Nothing had changed since the last save.",
        "published": "Published: readers can see it now.",
        "scheduled": "Scheduled: it goes live at the publish date.",
        "unpublished": "Unpublished: readers no longer see it; it is a draft again.",
        "restored": "Revision restored as a new save.",
    ]

    /// `GET /admin/posts/new`.
    func newPost(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        var fields = PostEditorSubmission()
        fields.authorID = user.authorID
        return try await editorPage(fields, current: nil, user: user, context: context)
    }

    /// `POST /admin/posts/new`: creates a draft and opens it in the editor.
    func create(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let fields = PostEditorSubmission(try await FormFields.read(request, context: context))
        do {
            let created = try await env.newsroom.createPost(fields.draft(defaultAuthorID: user.authorID), by: user)
            return AdminAnswer.seeOther("/admin/posts/\(created.post.id)/edit?notice=created")
        } catch {
            guard let problem = NewsroomError.from(error) else { throw error }
            return try await editorPage(fields, current: nil, user: user, error: problem, context: context)
        }
    }

    /// `GET /admin/posts/:id/edit`.
    func edit(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        return try await orProblemPage(context: context) {
            let post = try await env.newsroom.post(id: try postID(context), for: user)
            let notice = request.uri.queryParameters.get("notice").flatMap { Self.editorNotices[$0] }
            return try await editorPage(
                PostEditorSubmission(post, time: try await newsroomTime()), current: post, user: user,
                notice: notice, context: context)
        }
    }

    /// `POST /admin/posts/:id/edit`: saves the fields (refusing to overwrite a newer save) and a
    /// changed publish date of a live post, then back to the editor, or on to the article
    /// (`then=view`, "Update and view") or the preview (`then=preview`).
    func save(_ request: Request, context: BylineRequestContext) async throws -> Response {
        try await write(request, context: context) { form, fields, current, user, time in
            var edited = try await saveIfChanged(fields, over: current, by: user)
            var post = edited?.post ?? current
            if post.status != .draft, let date = try fields.publicationDate(time),
                time.field(date) != post.publishedAt.map(time.field)
            {
                let publication: Publication = post.status == .scheduled ? .schedule(at: date) : .publish(at: date)
                edited = try await env.newsroom.setPublication(
                    postID: post.id, publication, expectedUpdatedAt: post.updatedAt, by: user)
                post = edited!.post
            }
            if form["then"] == "view", post.status == .published {
                return AdminAnswer.seeOther(SiteRoute.canonicalPath(.post(slug: post.slug)))
            }
            if form["then"] == "preview" { return AdminAnswer.seeOther("/admin/posts/\(post.id)/preview") }
            return AdminAnswer.seeOther("/admin/posts/\(post.id)/edit?notice=\(edited == nil ? "unchanged" : "saved")")
        }
    }

    /// Which change of publication a button asks for.
    enum PublicationAction {
        case publish
        case schedule
        case unpublish
    }

    /// `POST /admin/posts/:id/publish|schedule|unpublish`. The buttons sit in the editor's form,
    /// so the fields come along and are saved first: pressing Publish publishes what is on
    /// screen. Publish with a future date schedules; Schedule needs a date.
    func publication(_ action: PublicationAction, _ request: Request, context: BylineRequestContext) async throws
        -> Response
    {
        try await write(request, context: context) { form, fields, current, user, time in
            // Going live at its time changes no `updatedAt`, so an editor opened before that
            // still carries a current token: its Unschedule must not take a live post down.
            if action == .unpublish, form["from"] == PostStatus.scheduled.rawValue, current.status != .scheduled {
                throw NewsroomError.unprocessable(
                    "This post is no longer scheduled (it went live at its time); reload the editor to see it as it is."
                )
            }
            var expected = fields.expectedUpdatedAt
            if form["title"] != nil, let saved = try await saveIfChanged(fields, over: current, by: user) {
                expected = saved.post.updatedAt
            }
            let date = form["when"] == "now" ? nil : try fields.publicationDate(time)
            let publication: Publication
            switch action {
            case .publish:
                publication = .publish(at: date)
            case .schedule:
                guard let date else {
                    throw NewsroomError.invalidField(field: "published_at", reason: "is needed to schedule a post")
                }
                publication = .schedule(at: date)
            case .unpublish:
                publication = .unpublish
            }
            let email = action == .unpublish ? .keep : try await EditorEmailView.choice(form, newsroom: env.newsroom)
            let edited = try await env.newsroom.setPublication(
                postID: current.id, publication, email: email, expectedUpdatedAt: expected, by: user)
            let notice =
                switch edited.post.status {
                case .published: "published"
                case .scheduled: "scheduled"
                case .draft: "unpublished"
                }
            return AdminAnswer.seeOther("/admin/posts/\(current.id)/edit?notice=\(notice)")
        }
    }

    /// `POST /admin/posts/:id/delete`: the post, its revisions and its old addresses go.
    func delete(_ request: Request, context: BylineRequestContext) async throws -> Response {
        try await write(request, context: context) { _, _, current, user, _ in
            try await env.newsroom.deletePost(id: current.id, by: user)
            return AdminAnswer.seeOther("/admin/posts/?notice=deleted")
        }
    }

    /// `POST /admin/posts/:id/autosave` (admin.js, every few seconds while a draft changes):
    /// `{"updated_at": ...}` for the form's next save, or the error as JSON with its status.
    func autosave(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        do {
            let fields = PostEditorSubmission(try await FormFields.read(request, context: context))
            let current = try await env.newsroom.post(id: try postID(context), for: user)
            let draft = try Self.comparable(fields.draft(defaultAuthorID: current.author.id), to: current)
            var post = current
            if draft != Self.draft(of: current) {
                post =
                    try await env.newsroom.updatePost(
                        id: current.id, draft, expectedUpdatedAt: fields.expectedUpdatedAt, autosave: true, by: user
                    ).post
            } else if UpdatedAtToken.isStale(fields.expectedUpdatedAt, current: current.updatedAt) {
                throw NewsroomError.conflict(currentUpdatedAt: current.updatedAt)
            }
            let time = try await newsroomTime()
            return AdminAnswer.json([
                "updated_at": UpdatedAtToken.encode(post.updatedAt), "saved_at": time.display(post.updatedAt),
            ])
        } catch {
            guard let problem = NewsroomError.from(error) else { throw error }
            var field: String? = nil
            if case .invalidField(let name, _) = problem { field = PostEditorView.formName(name) }
            return ErrorAnswer.json(problem.status, Self.sentence(problem.description), field: field, context: context)
        }
    }

    // MARK: Shared by the writes

    /// Reads the form, loads the post the path names (a problem page when it cannot be
    /// opened), runs `body`; a refusal shows the editor again with the fields as posted.
    func write(
        _ request: Request, context: BylineRequestContext,
        _ body: (FormFields, PostEditorSubmission, Post, StaffUser, NewsroomTime) async throws -> Response
    ) async throws -> Response {
        let user = try staff(context)
        let form = try await FormFields.read(request, context: context)
        let fields = PostEditorSubmission(form)
        let time = try await newsroomTime()
        let current: Post
        do {
            current = try await env.newsroom.post(id: try postID(context), for: user)
        } catch {
            guard let problem = NewsroomError.from(error) else { throw error }
            return problemPage(problem, context: context)
        }
        do {
            return try await body(form, fields, current, user, time)
        } catch {
            guard let problem = NewsroomError.from(error) else { throw error }
            // After a conflict the editor shows the stored post's state around the writer's text.
            let latest = (try? await env.store.post(id: current.id)) ?? current
            return try await editorPage(fields, current: latest, user: user, error: problem, context: context)
        }
    }

    /// Saves the form's fields over `current` when they differ from it; nil when nothing changed.
    func saveIfChanged(_ fields: PostEditorSubmission, over current: Post, by user: StaffUser) async throws
        -> EditedPost?
    {
        let draft = try Self.comparable(fields.draft(defaultAuthorID: current.author.id), to: current)
        guard draft != Self.draft(of: current) else {
            if UpdatedAtToken.isStale(fields.expectedUpdatedAt, current: current.updatedAt) {
                throw NewsroomError.conflict(currentUpdatedAt: current.updatedAt)
            }
            return nil
        }
        return try await env.newsroom.updatePost(
            id: current.id, draft, expectedUpdatedAt: fields.expectedUpdatedAt, by: user)
    }

    /// `draft` with an empty slug read as "keep the slug" (a new one is only derived for new
    /// posts), so comparing it with ``draft(of:)`` sees only real changes.
    static func comparable(_ draft: PostDraft, to post: Post) -> PostDraft {
        var draft = draft
        if draft.slug == nil { draft.slug = post.slug }
        return draft
    }

    /// The draft that would save `post` unchanged (the slug left as it is).
    static func draft(of post: Post) -> PostDraft {
        PostDraft(
            title: post.title, markdown: post.body.markdown, customExcerpt: post.customExcerpt,
            tagNames: post.tags.map(\.name), authorID: post.author.id, slug: post.slug, visibility: post.visibility,
            featureImage: post.featureImage, featureImageAlt: post.featureImageAlt, autoReadAlso: post.autoReadAlso,
            featureImageCaption: post.featureImageCaption)
    }

    /// The editor page for `fields`; `current` is the stored post they belong to (nil: new).
    func editorPage(
        _ fields: PostEditorSubmission, current: Post?, user: StaffUser, error: NewsroomError? = nil,
        notice: String? = nil, context: BylineRequestContext
    ) async throws -> Response {
        let authors = NewsroomPermissions.allows(user.role, .chooseAuthor) ? try await env.store.allAuthors() : nil
        let subject = current.map { post in
            PostEditorView.Subject(
                id: post.id, status: post.status, slug: post.slug, ownedByUser: post.author.id == user.authorID,
                updatedAt: post.updatedAt)
        }
        var view = PostEditorView(
            fields: fields, subject: subject, role: user.role, authors: authors, time: try await newsroomTime(),
            now: env.clock.now(), previewHTML: try await EditorPreview.html(fields.markdown, store: env.store),
            error: error, notice: notice)
        view.email = try await EditorEmailView.make(
            for: current, user: user, store: env.store, selected: fields.newsletter)
        let title = current == nil ? "New post" : fields.title.isEmpty ? "Edit post" : "Edit: \(fields.title)"
        return env.adminTheme.page(
            "post-editor", title: title, ["editor": view, "navPosts": true], context: context,
            status: error?.status ?? .ok)
    }
}
