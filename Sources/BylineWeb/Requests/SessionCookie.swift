import Foundation
import Hummingbird

/// The cookies of signed-in browsers. `HttpOnly` (scripts cannot read them), `SameSite=Lax` (other
/// sites' forms do not carry them), `Secure` when the site is served over https.
public enum SessionCookie {
    /// The staff session: a random token whose SHA-256 names a row of `staff_sessions`.
    public static let staffName = "byline_staff"
    /// Before sign-in there is no session to hold a CSRF token: the sign-in form's token is
    /// also set as this cookie and both must match (double submit).
    public static let signInCSRFName = "byline_signin_csrf"
    /// A reader's session (signed in by an emailed link): a random token whose SHA-256 names a
    /// member session.
    public static let memberName = "byline_member"

    public static func staff(_ token: String, secure: Bool, maxAge: Int) -> Cookie {
        Cookie(name: staffName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    public static func member(_ token: String, secure: Bool, maxAge: Int) -> Cookie {
        Cookie(
            name: memberName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    public static func signInCSRF(_ token: String, secure: Bool) -> Cookie {
        Cookie(
            name: signInCSRFName, value: token, maxAge: 3600, path: "/admin", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// Expires the named cookie at once (sign-out).
    public static func cleared(_ name: String, path: String = "/", secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Whether the request carries a staff session cookie at all: such requests skip the page
    /// cache in both directions (staff get pages rendered for them alone).
    static func hasStaffCookie(_ request: Request) -> Bool {
        guard let header = request.headers[.cookie] else { return false }
        return header.contains(staffName + "=")
    }
}
