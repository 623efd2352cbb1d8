/// Where a browser goes after signing in: the admin page it was sent away from (`?next=`), but
/// only a path inside `/admin/` on this site, so a crafted link cannot bounce a freshly signed-in
/// user to another site (an open redirect) or back to the sign-in form.
enum SignInDestination {
    static let fallback = "/admin/"

    static func path(_ next: String?) -> String {
        guard let next, next.hasPrefix("/admin/"), !next.hasPrefix("/admin/signin"),
            !next.contains("\\"), !next.contains("//"), !next.contains(".."),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return fallback }
        return next
    }
}
