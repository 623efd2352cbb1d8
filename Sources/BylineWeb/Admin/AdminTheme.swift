import BylineCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The newsroom's look: Mustache templates, a stylesheet and a small script from `Themes/admin`,
/// loaded once at start. Separate from the public theme, which a site may replace.
public struct AdminTheme: Sendable {
    let library: MustacheLibrary
    public let stylesheet: StaticAsset
    public let script: StaticAsset

    public init(directory: String) async throws {
        do {
            self.library = try await MustacheLibrary(directory: directory)
        } catch {
            throw Theme.LoadError(description: "admin theme \(directory): a template does not parse: \(error)")
        }
        func asset(_ name: String, _ type: String) throws -> StaticAsset {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw Theme.LoadError(description: "admin theme \(directory) has no \(name)")
            }
            return StaticAsset(fileName: name, contentType: type, bytes: [UInt8](bytes))
        }
        self.stylesheet = try asset("admin.css", "text/css; charset=utf-8")
        self.script = try asset("admin.js", "text/javascript; charset=utf-8")
    }

    /// `Themes/admin` beside the binary or the checkout (`BYLINE_ADMIN_THEME_DIR` overrides).
    public static func defaultDirectory() -> String? {
        ResourceLocator.find(environment: "BYLINE_ADMIN_THEME_DIR", relativePath: "Themes/admin")
    }

    /// URL paths of the assets (fingerprinted, cached forever).
    public var stylesheetPath: String { "/admin/assets/\(stylesheet.fingerprintedName)" }
    public var scriptPath: String { "/admin/assets/\(script.fingerprintedName)" }

    /// `template` rendered inside `layout`, as an HTML response only this browser may keep
    /// (`private, no-cache`): admin pages show one person's view.
    public func page(
        _ template: String, title: String, _ values: [String: Any], context: BylineRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["pageTitle"] = title
        // Before sign-in there is no session: the sign-in form passes its own token.
        values["csrfToken"] = context.csrfToken ?? values["csrfToken"] ?? ""
        values["stylesheet"] = stylesheetPath
        values["script"] = scriptPath
        if let user = context.staff {
            values["staff"] = ["id": user.id, "name": user.name, "email": user.email, "role": user.role.title]
            values["canManageStaff"] = NewsroomPermissions.allows(user.role, .manageStaff)
            values["canManageSettings"] = NewsroomPermissions.allows(user.role, .manageSettings)
            values["canManageTags"] = NewsroomPermissions.allows(user.role, .manageTags)
            values["canViewMembers"] = NewsroomPermissions.allows(user.role, .viewMembers)
            values["canSendNewsletters"] = NewsroomPermissions.allows(user.role, .sendNewsletter)
        }
        values["content"] = library.render(values, withTemplate: template) ?? ""
        let html = library.render(values, withTemplate: "layout") ?? ""
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "private, no-cache",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        headers[.contentLength] = String(html.utf8.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
