import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

/// The Admin API (`/api/admin/...`): the newsroom's posts, tags, authors and settings as JSON,
/// for scripts and other editors, with the same permission checks as the admin pages (both call
/// ``Newsroom``). The caller mounts it on a group that has already found the staff member
/// (an API token, or a session cookie with its CSRF token) and refused anonymous requests.
/// Shapes follow Ghost's Admin API where that is sensible; `openapi/admin-api.yaml` describes them.
public struct AdminAPI: Sendable {
    public let env: NewsroomEnvironment

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    /// Every route, relative to the group (`/api/admin`).
    public func register(on group: RouterGroup<BylineRequestContext>) {
        // A group of our own: our error middleware must not wrap the caller's later routes.
        let api = group.group().add(middleware: AdminAPIErrorMiddleware())
        api.get("posts", use: listPosts)
        api.post("posts", use: createPost)
        api.get("posts/:id", use: readPost)
        api.put("posts/:id", use: updatePost)
        api.delete("posts/:id", use: deletePost)
        api.post("posts/:id/publish", use: publishPost)
        api.post("posts/:id/schedule", use: schedulePost)
        api.post("posts/:id/unpublish", use: unpublishPost)
        api.get("posts/:id/revisions", use: listRevisions)
        api.post("posts/:id/revisions/:revision/restore", use: restoreRevision)
        api.get("tags", use: listTags)
        api.put("tags/:id", use: updateTag)
        api.delete("tags/:id", use: deleteTag)
        api.get("authors", use: listAuthors)
        api.put("authors/:id", use: updateAuthor)
        api.get("settings", use: readSettings)
        api.put("settings", use: updateSettings)
        api.get("me", use: me)
        api.post("images", use: uploadImage)
        // Unknown paths under /api/admin answer JSON 404, not the public site's HTML page.
        for method: HTTPRequest.Method in [.get, .head, .post, .put, .delete, .patch] {
            api.on("**", method: method) { request, _ -> Response in
                throw NewsroomError.notFound("\(request.method) \(request.uri.path)")
            }
        }
    }

    /// The staff member the request acts for. The mounting group refuses anonymous requests
    /// first; this keeps a mistake there from turning into a crash or an open door.
    func staff(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else {
            throw AdminAPIError(
                status: .unauthorized, message: "sign in, or send an API token as Authorization: Bearer")
        }
        return user
    }

    /// A numeric id from the path; anything else names nothing there is (404).
    func id(_ context: BylineRequestContext, _ parameter: String = "id", of what: String) throws -> Int64 {
        let text = context.parameters.get(parameter) ?? ""
        guard let id = Int64(text), id > 0 else { throw NewsroomError.notFound("\(what) \(text)") }
        return id
    }

    /// `{"<plural>": [item]}`: Ghost's envelope, also for a single resource.
    func one<Item: Encodable>(_ key: String, _ item: Item, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        APIResponse.json([key: [item]], status: status, headers: headers)
    }
}
