import BylineCore
import BylineStore
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A staff member signed in for a test: the cookie a browser would send, the CSRF token its
/// forms carry, and an API token.
struct SignedInStaff: Sendable {
    let user: StaffUser
    let password: String
    let cookie: String
    let csrfToken: String

    /// Headers of a browser request of this user; `csrf` adds the token header.
    func headers(csrf: Bool = false, form: Bool = false, json: Bool = false) -> HTTPFields {
        var headers: HTTPFields = [.cookie: "\(SessionCookie.staffName)=\(cookie)"]
        if csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrfToken }
        if form { headers[.contentType] = "application/x-www-form-urlencoded" }
        if json { headers[.contentType] = "application/json" }
        return headers
    }
}

extension TestSite {
    /// Creates a staff user of `role` and signs them in (a session as the sign-in form makes).
    func signedIn(_ role: StaffRole, name: String? = nil) async throws -> SignedInStaff {
        let label = name ?? "\(role.title) \(UUID().uuidString.prefix(6))"
        let email = "\(label.replacingOccurrences(of: " ", with: ".").lowercased())@news.example"
        let password = "correct horse battery \(role.rawValue)"
        let (user, _) = try await accounts.addUser(email: email, name: label, role: role, password: password)
        let session = try await accounts.signIn(email: email, password: password, clientAddress: "127.0.0.1")
        return SignedInStaff(
            user: user, password: password, cookie: session.token, csrfToken: session.session.csrfToken)
    }

    /// A staff API token for `user`: `Authorization: Bearer <token>`.
    func apiToken(for user: StaffUser) async throws -> String {
        try await accounts.createAPIToken(name: "test", for: user).1
    }
}

extension TestClientProtocol {
    /// A form POST (URL-encoded) with the given headers.
    func postForm(_ uri: String, _ fields: [(String, String)], headers: HTTPFields) async throws -> TestResponse {
        let body = fields.map { name, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
