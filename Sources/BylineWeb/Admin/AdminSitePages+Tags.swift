import BylineCore
import BylineStore
import Hummingbird

/// `/admin/tags/`: every tag with its count of published posts. Editors and above rename,
/// describe and delete tags; everyone else sees the list (contributors choose from it).
extension AdminSitePages {
    func tagsPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        try await tagsResponse(request, context)
    }

    func updateTag(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let id = try pathID(context)
        let form = try await form(request, context)
        do {
            try env.newsroom.require(user, .manageTags, "edit tags")
            let name = try form.required("name")
            let slug = try Self.slug(form.optional("slug"), from: name, fallback: "tag")
            try await env.newsroom.updateTag(
                id: id, name: name, slug: slug, description: form.optional("description") ?? "", by: user)
            return redirect("/admin/tags/", notice: .tagSaved)
        } catch {
            return try await tagsResponse(request, context, refusal: refusal(error), typed: (id, form))
        }
    }

    func deleteTag(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let id = try pathID(context)
        do {
            try await env.newsroom.deleteTag(id: id, by: user)
            return redirect("/admin/tags/", notice: .tagDeleted)
        } catch {
            return try await tagsResponse(request, context, refusal: refusal(error))
        }
    }

    /// The list; after a refused edit, the row that was edited shows what was typed.
    func tagsResponse(
        _ request: Request, _ context: BylineRequestContext, refusal: NewsroomError? = nil,
        typed: (id: Int64, form: FormFields)? = nil
    ) async throws -> Response {
        let user = try user(context)
        let rows: [[String: Any]] = try await env.store.allTags().map { count in
            let tag = count.tag
            let form = typed?.id == tag.id ? typed?.form : nil
            return [
                "id": String(tag.id), "name": tag.name, "slug": tag.slug, "postCount": count.postCount,
                "url": SiteRoute.canonicalPath(.tag(slug: tag.slug, page: 1)), "open": form != nil,
                "edit": [
                    "name": form?["name"] ?? tag.name, "slug": form?["slug"] ?? tag.slug,
                    "description": form?["description"] ?? tag.description,
                ],
            ]
        }
        return render(
            "site-tags", title: "Tags",
            ["tags": rows, "hasTags": !rows.isEmpty, "canEdit": NewsroomPermissions.allows(user.role, .manageTags)],
            request: request, context: context, refusal: refusal)
    }

    /// The slug typed, or one made from the name when the field is left blank; 422 naming `slug`
    /// when it is not what a slug can be.
    static func slug(_ typed: String?, from name: String, fallback: String) throws -> String {
        guard let typed else { return Slug.make(from: name, fallback: fallback) }
        guard Slug.isWellFormed(typed) else {
            throw NewsroomError.invalidField(
                field: "slug", reason: "use lowercase letters, digits and hyphens, e.g. \(Slug.make(from: name))")
        }
        return typed
    }
}
