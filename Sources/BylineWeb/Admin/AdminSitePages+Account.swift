import BylineCore
import BylineStore
import Foundation
import Hummingbird

/// `/admin/account`: one's own name, password and API tokens, whatever one's role. A new
/// token's secret is shown on the page that answers its creation and never again (only its
/// hash is kept).
extension AdminSitePages {
    func accountPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        try await accountResponse(request, context)
    }

    func renameSelf(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let form = try await form(request, context)
        do {
            _ = try await env.accounts.updateUser(
                id: user.id, name: try form.required("name"), role: user.role, suspended: false, by: user)
            return redirect("/admin/account", notice: .nameSaved)
        } catch {
            return try await accountResponse(request, context, refusal: refusal(error), typedName: form["name"])
        }
    }

    func changePassword(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let form = try await form(request, context)
        do {
            guard let session = context.staffSession else {
                throw NewsroomError.forbidden(
                    "Change your password from the newsroom in a browser, not with an API token.")
            }
            let current = try form.required("current_password")
            let new = try form.required("new_password")
            guard form["confirm_password"] == new else {
                throw NewsroomError.invalidField(field: "confirm_password", reason: "does not match the new password")
            }
            try await env.accounts.changePassword(session, current: current, new: new)
            return redirect("/admin/account", notice: .passwordChanged)
        } catch {
            return try await accountResponse(request, context, refusal: refusal(error))
        }
    }

    func createToken(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let form = try await form(request, context)
        do {
            let name = try form.required("token_name")
            let (token, secret) = try await env.accounts.createAPIToken(name: name, for: user)
            return Self.unstored(try await accountResponse(request, context, newToken: (token, secret)))
        } catch {
            return try await accountResponse(
                request, context, refusal: refusal(error), typedTokenName: form["token_name"])
        }
    }

    func revokeToken(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        let id = try pathID(context)
        do {
            // Scoped to the user: nobody revokes another person's token by guessing its id.
            try await env.store.deleteAPIToken(id: id, userID: user.id)
            return redirect("/admin/account", notice: .tokenRevoked)
        } catch {
            return try await accountResponse(request, context, refusal: refusal(error))
        }
    }

    func accountResponse(
        _ request: Request, _ context: BylineRequestContext, refusal: NewsroomError? = nil,
        typedName: String? = nil, typedTokenName: String? = nil, newToken: (APIToken, String)? = nil
    ) async throws -> Response {
        let user = try user(context)
        let tokens: [[String: Any]] = try await env.store.apiTokens(userID: user.id).map { token in
            [
                "id": String(token.id), "name": token.name, "createdAt": Self.timestamp(token.createdAt),
                "lastUsed": token.lastUsedAt.map(Self.timestamp) ?? "never", "isNew": token.id == newToken?.0.id,
            ]
        }
        var values: [String: Any] = [
            "name": typedName ?? user.name, "email": user.email, "role": user.role.title, "tokens": tokens,
            "hasTokens": !tokens.isEmpty, "tokenName": typedTokenName ?? "",
            "hasSession": context.staffSession != nil,
        ]
        if let (token, secret) = newToken { values["newToken"] = ["name": token.name, "secret": secret] }
        return render(
            "site-account", title: "Your account", values, request: request, context: context, refusal: refusal)
    }

    /// `2026-11-27 15:04 UTC`: staff compare these with logs, which are in UTC.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
