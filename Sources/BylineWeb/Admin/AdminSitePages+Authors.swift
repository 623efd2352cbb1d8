import BylineCore
import BylineStore
import Hummingbird

/// `/admin/authors/`: the author profiles readers see on articles and `/author/<slug>/`. Editors
/// and above edit anyone's; everyone else edits their own and sees the rest.
extension AdminSitePages {
    func authorsPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        try await authorsResponse(request, context)
    }

    func updateAuthor(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let id = try pathID(context)
        let form = try await form(request, context)
        do {
            if id != user.authorID { try env.newsroom.require(user, .manageAuthors, "edit other people's profiles") }
            let name = try form.required("name")
            let slug = try Self.slug(form.optional("slug"), from: name, fallback: "author")
            try await env.newsroom.updateAuthor(
                id: id, name: name, slug: slug, bio: form.optional("bio") ?? "", by: user)
            if let picture = form["picture"] {
                try await env.newsroom.setAuthorPicture(authorID: id, address: picture.trimmingWhitespace(), by: user)
            }
            return redirect("/admin/authors/", notice: .authorSaved)
        } catch {
            return try await authorsResponse(request, context, refusal: refusal(error), typed: (id, form))
        }
    }

    /// The list, one's own profile first; after a refused edit, the edited row shows what was typed.
    func authorsResponse(
        _ request: Request, _ context: BylineRequestContext, refusal: NewsroomError? = nil,
        typed: (id: Int64, form: FormFields)? = nil
    ) async throws -> Response {
        let user = try user(context)
        let editsAll = NewsroomPermissions.allows(user.role, .manageAuthors)
        let authors = try await env.store.allAuthors()
        let pictures =
            try await (env.store as? any ImageStoring)?.images(ids: authors.compactMap(\.imageID)) ?? [:]
        let ordered = authors.filter { $0.id == user.authorID } + authors.filter { $0.id != user.authorID }
        let rows: [[String: Any]] = ordered.map { author in
            let form = typed?.id == author.id ? typed?.form : nil
            return [
                "id": String(author.id), "name": author.name, "slug": author.slug,
                "url": SiteRoute.canonicalPath(.author(slug: author.slug, page: 1)),
                "edit": [
                    "name": form?["name"] ?? author.name, "slug": form?["slug"] ?? author.slug,
                    "bio": form?["bio"] ?? author.bio,
                    "picture": form?["picture"] ?? author.imageID.flatMap { pictures[$0]?.originalPath } ?? "",
                ],
                "thumbnail": author.imageID.flatMap { pictures[$0] }.map {
                    $0.variantPath(width: $0.variantWidth(closestTo: 320), format: "jpg")
                } ?? "",
                "isSelf": author.id == user.authorID, "canEdit": editsAll || author.id == user.authorID,
                "open": form != nil || (!editsAll && author.id == user.authorID),
            ]
        }
        return render(
            "site-authors", title: "Authors", ["authors": rows, "hasAuthors": !rows.isEmpty], request: request,
            context: context, refusal: refusal)
    }
}
