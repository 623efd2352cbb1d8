import BylineCore
import BylineStore
import Foundation

/// The editor's fields, as a form posts them or as a stored post fills them: kept as typed, so
/// a refused save shows the writer their own text again, and turned into a ``PostDraft`` only
/// when saving.
struct PostEditorSubmission: Sendable {
    var title = ""
    var markdown = ""
    var excerpt = ""
    /// Comma-separated tag names.
    var tags = ""
    var authorID: Int64?
    var slug = ""
    var visibility = Visibility.public.rawValue
    /// A `datetime-local` value in the site's time zone ("" when unset).
    var publishedAt = ""
    var featureImage = ""
    var featureImageAlt = ""
    var featureImageCaption = ""
    /// "Add a READ ALSO link to a related article automatically".
    var autoReadAlso = true
    /// The `updatedAt` the editor was loaded with (``UpdatedAtToken``): a save refuses to
    /// overwrite a post changed since.
    var updatedAtToken = ""
    /// The "Send by email" choice as submitted (nil: the form had none).
    var newsletter: String?

    init() {}

    init(_ form: FormFields) {
        title = form["title"] ?? ""
        // Browsers send a textarea's lines with CRLF; the body is stored with LF.
        markdown = (form["markdown"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        excerpt = form["excerpt"] ?? ""
        tags = form["tags"] ?? ""
        authorID = form.optional("author").flatMap { Int64($0) }
        slug = form["slug"] ?? ""
        visibility = form["visibility"] ?? Visibility.public.rawValue
        publishedAt = form["published_at"] ?? ""
        featureImage = form["feature_image"] ?? ""
        featureImageAlt = form["feature_image_alt"] ?? ""
        featureImageCaption = form["feature_image_caption"] ?? ""
        // An unticked box sends nothing: the hidden field tells it from a form without the box.
        autoReadAlso = form["auto_read_also_shown"] == nil || form["auto_read_also"] != nil
        updatedAtToken = form["updated_at"] ?? ""
        newsletter = form[EditorEmailView.fieldName]
    }

    init(_ post: Post, time: NewsroomTime) {
        title = post.title
        markdown = post.body.markdown
        excerpt = post.customExcerpt ?? ""
        tags = post.tags.map(\.name).joined(separator: ", ")
        authorID = post.author.id
        slug = post.slug
        visibility = post.visibility.rawValue
        publishedAt = post.publishedAt.map(time.field) ?? ""
        featureImage = post.featureImage
        featureImageAlt = post.featureImageAlt
        featureImageCaption = post.featureImageCaption
        autoReadAlso = post.autoReadAlso
        updatedAtToken = UpdatedAtToken.encode(post.updatedAt)
    }

    /// The tag names, in the order typed, without blanks.
    var tagNames: [String] {
        tags.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    var expectedUpdatedAt: Date? { UpdatedAtToken.decode(updatedAtToken) }

    /// What the store saves. `authorID` falls back to `defaultAuthorID` (the current author, or
    /// the writer for a new post) when the form has no author select.
    func draft(defaultAuthorID: Int64) throws -> PostDraft {
        guard let visibility = Visibility(rawValue: visibility) else {
            throw NewsroomError.invalidField(field: "visibility", reason: "must be public, members or paid")
        }
        let title = title.trimmingWhitespace()
        guard !title.isEmpty else { throw NewsroomError.invalidField(field: "title", reason: "is required") }
        let excerpt = excerpt.trimmingWhitespace()
        let slug = slug.trimmingWhitespace()
        return PostDraft(
            title: title, markdown: markdown, customExcerpt: excerpt.isEmpty ? nil : excerpt, tagNames: tagNames,
            authorID: authorID ?? defaultAuthorID, slug: slug.isEmpty ? nil : slug, visibility: visibility,
            featureImage: featureImage.trimmingWhitespace(), featureImageAlt: featureImageAlt.trimmingWhitespace(),
            autoReadAlso: autoReadAlso, featureImageCaption: featureImageCaption.trimmingWhitespace())
    }

    /// The publish date the form asks for; nil when the field is empty, 422 when unreadable.
    func publicationDate(_ time: NewsroomTime) throws -> Date? {
        let text = publishedAt.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        guard let date = time.parseField(text) else {
            throw NewsroomError.invalidField(field: "published_at", reason: "is not a date and time")
        }
        return date
    }
}

/// A post's `updatedAt` as the editor carries it in a hidden field and the autosave answer: the
/// seconds since 1970 in full, so it compares equal to the stored value after the round trip.
enum UpdatedAtToken {
    static func encode(_ date: Date) -> String { String(date.timeIntervalSince1970) }

    static func decode(_ text: String) -> Date? {
        Double(text.trimmingWhitespace()).map(Date.init(timeIntervalSince1970:))
    }

    /// Whether the post changed since `expected` (nil: the form carried no token). The stores
    /// keep milliseconds, so closer than that is the same save.
    static func isStale(_ expected: Date?, current: Date) -> Bool {
        guard let expected else { return false }
        return abs(current.timeIntervalSince(expected)) >= 0.001
    }
}
