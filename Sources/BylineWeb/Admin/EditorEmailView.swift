import BylineCore
import BylineStore
import Foundation

/// The editor's "Send by email" part: before a post goes live, a choice of newsletter (for
/// those allowed to send); once its email has gone out, where the send stands.
struct EditorEmailView {
    /// Offered when the writer may send and the post is saved, never emailed and not live.
    let choices: [PostEditorView.Option]?
    /// "Emailed to Daily Briefing" once the send started.
    let emailedTo: String?
    let progress: DeliveryProgress?
    /// A live post that went out without email: said, so nobody looks for the choice.
    let notEmailed: Bool

    // Stored, not computed: templates read a value's stored properties only.
    let hasChoices: Bool
    let progressLine: String?

    init(choices: [PostEditorView.Option]?, emailedTo: String?, progress: DeliveryProgress?, notEmailed: Bool) {
        self.choices = choices
        self.emailedTo = emailedTo
        self.progress = progress
        self.notEmailed = notEmailed
        hasChoices = choices != nil
        progressLine = progress.map {
            "\($0.sent) sent, \($0.queued + $0.sending) waiting, \($0.failed) failed of \($0.total)"
        }
    }

    /// The form's field.
    static let fieldName = "newsletter"

    static func make(for post: Post?, user: StaffUser, store: any NewsroomStore, selected: String?) async throws
        -> EditorEmailView
    {
        if let post, let send = try await store.newsletterSends(postID: post.id).first {
            let name = try await store.newsletter(id: send.newsletterID)?.name ?? "a newsletter"
            return EditorEmailView(
                choices: nil, emailedTo: "Emailed to \(name)",
                progress: try await store.deliveryProgress(sendID: send.id),
                notEmailed: false)
        }
        guard post?.status != .published else {
            return EditorEmailView(choices: nil, emailedTo: nil, progress: nil, notEmailed: true)
        }
        // A new post is saved as a draft first: the choice is made where Publish is.
        guard post != nil, NewsroomPermissions.allows(user.role, .sendNewsletter) else {
            return EditorEmailView(choices: nil, emailedTo: nil, progress: nil, notEmailed: false)
        }
        var current = selected
        if current == nil, let post, let id = try await store.emailNewsletterID(postID: post.id) {
            current = try await store.newsletter(id: id)?.slug
        }
        var options = [
            PostEditorView.Option(value: "", label: "Don’t send by email", selected: (current ?? "").isEmpty)
        ]
        for newsletter in try await store.newsletters(includingInactive: false) {
            let count = try await store.confirmedSubscriberCount(newsletterID: newsletter.id)
            options.append(
                .init(
                    value: newsletter.slug,
                    label: "\(newsletter.name) (\(count) subscriber\(count == 1 ? "" : "s"))",
                    selected: newsletter.slug == current))
        }
        return EditorEmailView(choices: options, emailedTo: nil, progress: nil, notEmailed: false)
    }

    /// The choice a publish or schedule form states: absent keeps the post's, empty sends none.
    static func choice(_ form: FormFields, newsroom: Newsroom) async throws -> PostEmailChoice {
        guard let slug = form[fieldName] else { return .keep }
        return try await newsroom.emailChoice(newsletterSlug: slug)
    }
}
