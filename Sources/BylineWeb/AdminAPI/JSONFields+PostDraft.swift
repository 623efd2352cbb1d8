import BylineCore
import BylineStore

extension JSONFields {
    /// The fields a post body may set, over `current` (a save) or from scratch (a new post).
    /// A field left out keeps its current value, as in Ghost, so a client may send only what
    /// changed; a post read from the API may also be sent back whole: its read-only fields
    /// (`id`, `html`, `url`, dates...) are ignored, and its `author` and `tags` objects are read
    /// for their id and names.
    ///
    /// `status` may be sent but not changed here: publishing, scheduling and unpublishing are
    /// their own actions, so a save never publishes by accident.
    func postDraft(over current: Post?, authorID defaultAuthorID: Int64) throws -> PostDraft {
        let currentStatus = current?.status ?? .draft
        if let status = try choice("status", of: PostStatus.self), status != currentStatus {
            throw NewsroomError.invalidField(
                field: "status",
                reason: "is \(currentStatus.rawValue); change it with /publish, /schedule or /unpublish")
        }
        var title = current?.title ?? ""
        if current == nil || has("title") { title = try requiredString("title") }
        let authorID =
            try integer("author_id") ?? object("author")?.integer("id") ?? current?.author.id ?? defaultAuthorID
        return PostDraft(
            title: title,
            markdown: has("markdown") ? try string("markdown") ?? "" : current?.body.markdown ?? "",
            customExcerpt: has("custom_excerpt") ? try string("custom_excerpt") : current?.customExcerpt,
            tagNames: has("tags") ? try names("tags") ?? [] : current?.tags.map(\.name) ?? [],
            authorID: authorID,
            // nil keeps the slug (or derives one from the title for a new post).
            slug: try string("slug").flatMap { $0.isEmpty ? nil : $0 },
            visibility: try choice("visibility", of: Visibility.self) ?? current?.visibility ?? .public,
            featureImage: has("feature_image") ? try string("feature_image") ?? "" : current?.featureImage ?? "",
            featureImageAlt: has("feature_image_alt")
                ? try string("feature_image_alt") ?? "" : current?.featureImageAlt ?? "",
            autoReadAlso: try autoReadAlso() ?? current?.autoReadAlso ?? true,
            featureImageCaption: has("feature_image_caption")
                ? try string("feature_image_caption") ?? "" : current?.featureImageCaption ?? "")
    }

    /// `auto_read_also`: a boolean; nil when absent or null (keep the post's, or on).
    private func autoReadAlso() throws -> Bool? {
        switch values["auto_read_also"] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case _?: throw NewsroomError.invalidField(field: "auto_read_also", reason: "must be true or false")
        }
    }
}
