import BylineCore
import BylineStore
import Hummingbird

/// `/api/admin/tags...` and `/api/admin/authors...`: every staff member may list them (the
/// editor offers them); changing them is for editors and up, one's own author profile aside.
extension AdminAPI {
    @Sendable func listTags(_ request: Request, context: BylineRequestContext) async throws -> Response {
        _ = try staff(context)
        let tags = try await env.store.allTags()
        return APIResponse.json([
            "tags": tags.map { APITag($0.tag, postCount: $0.postCount, publicURL: env.publicURL) }
        ])
    }

    /// Renames, re-slugs or describes a tag; fields left out keep their value.
    @Sendable func updateTag(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let tagID = try id(context, of: "tag")
        let fields = try await JSONFields.read(request, context: context, envelope: "tags")
        let current = try await tag(tagID)
        try await env.newsroom.updateTag(
            id: tagID,
            name: fields.has("name") ? try fields.requiredString("name") : current.tag.name,
            slug: fields.has("slug") ? try fields.requiredString("slug") : current.tag.slug,
            description: fields.has("description") ? try fields.string("description") ?? "" : current.tag.description,
            by: user)
        let saved = try await tag(tagID)
        return one("tags", APITag(saved.tag, postCount: saved.postCount, publicURL: env.publicURL))
    }

    /// Takes the tag off its posts and deletes it: 204.
    @Sendable func deleteTag(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        try await env.newsroom.deleteTag(id: try id(context, of: "tag"), by: user)
        return APIResponse.noContent()
    }

    private func tag(_ id: Int64) async throws -> TagCount {
        guard let found = try await env.store.allTags().first(where: { $0.tag.id == id }) else {
            throw NewsroomError.notFound("tag \(id)")
        }
        return found
    }

    @Sendable func listAuthors(_ request: Request, context: BylineRequestContext) async throws -> Response {
        _ = try staff(context)
        let authors = try await env.store.allAuthors()
        return APIResponse.json(["authors": authors.map { APIAuthor($0, publicURL: env.publicURL) }])
    }

    /// Changes an author profile's name, slug or bio; fields left out keep their value.
    @Sendable func updateAuthor(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        let authorID = try id(context, of: "author")
        let fields = try await JSONFields.read(request, context: context, envelope: "authors")
        let current = try await author(authorID)
        try await env.newsroom.updateAuthor(
            id: authorID,
            name: fields.has("name") ? try fields.requiredString("name") : current.name,
            slug: fields.has("slug") ? try fields.requiredString("slug") : current.slug,
            bio: fields.has("bio") ? try fields.string("bio") ?? "" : current.bio,
            by: user)
        return one("authors", APIAuthor(try await author(authorID), publicURL: env.publicURL))
    }

    private func author(_ id: Int64) async throws -> Author {
        guard let found = try await env.store.author(id: id) else { throw NewsroomError.notFound("author \(id)") }
        return found
    }
}
