import BylineCore
import Foundation

/// The editor page's context: the form's fields, which buttons the writer's role allows for
/// this post in its status, and where each one posts. Built the same way whether the fields
/// come from the stored post or from a refused form, so nothing typed is lost.
struct PostEditorView {
    /// A choice in a `<select>`.
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let fields: PostEditorSubmission
    let isNew: Bool
    let id: Int64
    let formAction: String
    let status: String
    let statusLabel: String
    /// "Draft, last saved 27 Nov 2026, 14:05" and the like.
    let statusLine: String
    let isDraft: Bool
    let isScheduled: Bool
    let isPublished: Bool
    /// The article's public address once readers can see it.
    let publicURL: String?
    let previewURL: String
    let revisionsURL: String
    let publishURL: String
    let unpublishURL: String
    let deleteURL: String
    /// Only drafts save themselves while the writer types; readers see only deliberate saves.
    let autosaveURL: String?
    /// nil: the role may not credit posts to others, so no select is shown.
    let authors: [Option]?
    let choosesAuthor: Bool
    let visibilities: [Option]
    let canSave: Bool
    let canPublish: Bool
    let canDelete: Bool
    /// "Publish" or "Schedule" (the date is in the future); admin.js keeps it current as the
    /// date changes, comparing with ``nowField``.
    let publishLabel: String
    /// Now, as a `datetime-local` value in the site's time zone.
    let nowField: String
    let timeZoneName: String
    /// The body as it renders now, so the preview pane is right before any script runs.
    let previewHTML: String
    let message: String?
    let notice: String?
    let fieldErrors: [String: String]
    /// The "Send by email" part.
    var email: EditorEmailView? = nil
    /// After a conflict: where the version someone else saved can be seen.
    let conflictURL: String?

    /// The state of the post the fields belong to (nil: a new post, not saved yet).
    struct Subject {
        let id: Int64
        let status: PostStatus
        let slug: String
        let ownedByUser: Bool
        let updatedAt: Date
    }

    init(
        fields: PostEditorSubmission, subject: Subject?, role: StaffRole, authors: [Author]?, time: NewsroomTime,
        now: Date, previewHTML: String, error: NewsroomError? = nil, notice: String? = nil
    ) {
        self.fields = fields
        self.isNew = subject == nil
        let id = subject?.id ?? 0
        self.id = id
        let base = "/admin/posts/\(id)"
        self.formAction = subject == nil ? "/admin/posts/new" : "\(base)/edit"
        let status = subject?.status ?? .draft
        self.status = status.rawValue
        self.statusLabel = Self.label(status)
        self.isDraft = status == .draft
        self.isScheduled = status == .scheduled
        self.isPublished = status == .published
        let date = (try? fields.publicationDate(time)) ?? nil
        switch (subject, status) {
        case (nil, _): statusLine = "New draft, not saved yet"
        case (let subject?, .draft): statusLine = "Draft, last saved \(time.display(subject.updatedAt))"
        case (_, .scheduled): statusLine = "Scheduled for " + (date.map(time.display) ?? "a time to be set")
        case (_, .published): statusLine = "Published " + (date.map(time.display) ?? "")
        }
        self.publicURL = status == .published ? subject.map { "/\($0.slug)/" } : nil
        self.previewURL = "\(base)/preview"
        self.revisionsURL = "\(base)/revisions"
        self.publishURL = "\(base)/publish"
        self.unpublishURL = "\(base)/unpublish"
        self.deleteURL = "\(base)/delete"
        self.autosaveURL = subject != nil && status == .draft ? "\(base)/autosave" : nil
        let selectedAuthor = fields.authorID
        self.authors = authors.map { list in
            list.map { Option(value: String($0.id), label: $0.name, selected: $0.id == selectedAuthor) }
        }
        self.choosesAuthor = authors != nil
        self.visibilities = Visibility.allCases.map {
            Option(value: $0.rawValue, label: Self.label($0), selected: fields.visibility == $0.rawValue)
        }
        let own = subject?.ownedByUser ?? true
        let live = status != .draft
        self.canSave = NewsroomPermissions.allows(role, NewsroomPermissions.editAction(own: own, published: live))
        self.canPublish =
            subject != nil && NewsroomPermissions.allows(role, NewsroomPermissions.publishAction(own: own))
        self.canDelete =
            subject != nil
            && NewsroomPermissions.allows(role, NewsroomPermissions.deleteAction(own: own, published: live))
        self.publishLabel = date.map { $0 > now } == true ? "Schedule" : "Publish"
        self.nowField = time.field(now)
        self.timeZoneName = time.zoneName
        self.previewHTML = previewHTML
        self.message = error.map { AdminPostPages.sentence($0.description) }
        self.notice = notice
        if case .invalidField(let field, let reason)? = error {
            self.fieldErrors = [Self.formName(field): reason]
        } else {
            self.fieldErrors = [:]
        }
        if case .conflict? = error { self.conflictURL = "\(base)/edit" } else { self.conflictURL = nil }
    }

    /// The form field a service error names (services speak of `author`, `tags`, `slug`...).
    static func formName(_ field: String) -> String {
        switch field {
        case "customExcerpt", "custom_excerpt": "excerpt"
        case "featureImage": "feature_image"
        case "publishedAt": "published_at"
        default: field
        }
    }

    /// The visibility select's words for each choice.
    static func label(_ visibility: Visibility) -> String {
        switch visibility {
        case .public: "Everyone"
        case .members: "Members only"
        case .paid: "Paid members"
        }
    }

    static func label(_ status: PostStatus) -> String {
        switch status {
        case .draft: "Draft"
        case .scheduled: "Scheduled"
        case .published: "Published"
        }
    }
}
