import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// The newsroom's pages around the posts: tags, author profiles, staff accounts, site settings
/// and one's own account (name, password, API tokens). Every change goes through ``Newsroom`` or
/// ``StaffAccounts``, which check who may do it; when they refuse, the form comes back with their
/// message and status (422 naming the field, 403, 404) and what was typed, so nothing is lost.
/// A change that worked redirects (303) to the list with a notice, so reloading repeats nothing;
/// the two that make a secret (an invitation's password, an API token) show it once instead.
public struct AdminSitePages: Sendable {
    let env: NewsroomEnvironment

    public init(env: NewsroomEnvironment) {
        self.env = env
    }

    /// Adds the routes to `group`, which is mounted at `/admin` behind a signed-in check and the
    /// CSRF check.
    public func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("tags", use: tagsPage)
        group.post("tags/:id", use: updateTag)
        group.post("tags/:id/delete", use: deleteTag)

        group.get("authors", use: authorsPage)
        group.post("authors/:id", use: updateAuthor)

        group.get("staff", use: staffPage)
        group.post("staff/invite", use: inviteStaff)
        group.post("staff/:id", use: updateStaff)
        group.post("staff/:id/remove", use: removeStaff)

        group.get("settings", use: settingsPage)
        group.post("settings", use: saveSettings)

        group.get("account", use: accountPage)
        group.post("account", use: renameSelf)
        group.post("account/password", use: changePassword)
        group.post("account/tokens", use: createToken)
        group.post("account/tokens/:id/revoke", use: revokeToken)
    }

    // MARK: Shared by every page

    /// The signed-in staff member; the group's middleware lets nobody else through.
    func user(_ context: BylineRequestContext) throws -> StaffUser {
        guard let user = context.staff else {
            throw HTTPError(.unauthorized, message: "You are signed out. Sign in again at /admin/signin.")
        }
        return user
    }

    /// The `:id` of the path, or 404 for one that is not a number.
    func pathID(_ context: BylineRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text) else {
            throw NewsroomError.notFound("this page")
        }
        return id
    }

    func form(_ request: Request, _ context: BylineRequestContext) async throws -> FormFields {
        try await FormFields.read(request, context: context)
    }

    /// What the newsroom said when it refused; any other error (the database is away) goes on to
    /// the error middleware.
    func refusal(_ error: any Error) throws -> NewsroomError {
        guard let refusal = NewsroomError.from(error) else { throw error }
        return refusal
    }

    /// See Other to `path` with a notice code the page turns into a sentence.
    func redirect(_ path: String, notice: Notice) -> Response {
        Response(
            status: .seeOther, headers: [.location: path + "?done=" + notice.rawValue, .cacheControl: "no-store"])
    }

    /// A page of this family: the notice named in `?done=`, the refusal's message and status, and
    /// `invalid.<field>` set for the field at fault so its input can be marked.
    func render(
        _ template: String, title: String, _ values: [String: Any], request: Request,
        context: BylineRequestContext, refusal: NewsroomError? = nil, notice: String? = nil
    ) -> Response {
        var values = values
        if let section = Self.navigationSections[template] { values[section] = true }
        if let notice = notice ?? Notice.sentence(for: request) { values["notice"] = notice }
        if let refusal {
            values["error"] = refusal.description
            if case .invalidField(let field, _) = refusal { values["invalid"] = [field: true] as [String: Any] }
        }
        return env.adminTheme.page(
            template, title: title, values, context: context, status: refusal?.status ?? .ok)
    }

    /// The layout's flag that marks each page's link in the newsroom's navigation as current.
    static let navigationSections = [
        "site-tags": "navTags", "site-authors": "navAuthors", "site-staff": "navStaff",
        "site-settings": "navSettings", "site-account": "navAccount",
    ]

    /// A page that shows a secret (a one-time password, a new API token) must not be kept by any
    /// cache, the browser's included.
    static func unstored(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A 403 page for a role that cannot use a page at all (rather than a form's refusal).
    func forbiddenPage(_ message: String, title: String, request: Request, context: BylineRequestContext)
        -> Response
    {
        render("site-forbidden", title: title, [:], request: request, context: context, refusal: .forbidden(message))
    }
}
