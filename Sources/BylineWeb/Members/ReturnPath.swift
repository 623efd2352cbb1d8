import Foundation

/// Where a member flow (signup confirmation, sign-in) sends the reader back to: a path on this
/// site, carried as the `return_to` form field and query parameter from the gated article
/// through the emailed link to the final redirect. It is not secret and not signed: it is
/// checked each time it is read (the form, the link, the button page, the final POST), and
/// anything that could leave the site, or land on a member, admin or API page, is dropped.
struct ReturnPath: Sendable, Equatable, CustomStringConvertible {
    /// The form field and query parameter that carry it.
    static let fieldName = "return_to"
    /// The longest path kept, in bytes of its percent-encoded form.
    static let maximumLength = 1000
    /// Paths a reader is never sent back to (they and everything under them).
    static let refusedPrefixes = ["/members", "/admin", "/api", "/subscribe"]

    /// The path, with any query, ASCII only (other characters percent-encoded): safe for a
    /// `Location` header as it is.
    let path: String

    /// The path when `text` is a safe same-site path, nil otherwise.
    init?(_ text: String?) {
        guard let text, let path = Self.checked(text) else { return nil }
        self.path = path
    }

    var description: String { path }

    /// The path percent-encoded for a query value (`/a-story/` → `%2Fa-story%2F`).
    var queryValue: String {
        path.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? ""
    }

    /// `&return_to=…` to append to a link that already has a query.
    static func querySuffix(_ path: ReturnPath?) -> String {
        path.map { "&\(fieldName)=\($0.queryValue)" } ?? ""
    }

    // MARK: Rules

    /// RFC 3986 unreserved characters: everything else is percent-encoded in a query value.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// ASCII characters a path (with query and fragment) may carry as they are: unreserved,
    /// sub-delims, `:@/?#` and `%` (checked to start an escape). Not space, `\`, quotes, `<>`,
    /// `{}|^` or the backtick.
    private static let pathASCII = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#%".utf8)

    private static func checked(_ text: String) -> String? {
        var path = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                guard pathASCII.contains(UInt8(scalar.value)) else { return nil }
                path.unicodeScalars.append(scalar)
            } else {
                // C1 controls and the like are refused; other letters are kept, percent-encoded.
                guard !scalar.properties.generalCategory.isRefused else { return nil }
                for byte in String(scalar).utf8 { path += String(format: "%%%02X", byte) }
            }
        }
        guard path.utf8.count <= maximumLength, isSafe(path) else { return nil }
        // What a browser or a server might see after decoding must be as safe: `/%2F%2Fevil`
        // is `//evil` to some. Decode until nothing changes (a few rounds at most).
        var decoded = path
        for _ in 0..<4 {
            guard let next = decoded.removingPercentEncoding else { return nil }
            if next == decoded { return path }
            guard isSafe(next) else { return nil }
            decoded = next
        }
        return nil
    }

    /// One path, raw or decoded: starts with a single `/`, no backslash or control character,
    /// no `.`/`..` segment (browsers resolve those), not under a refused prefix.
    private static func isSafe(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return false }
        guard !path.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory.isRefused })
        else { return false }
        let pathPart = path.prefix { $0 != "?" && $0 != "#" }
        let segments = pathPart.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return false }
        let lowered = pathPart.lowercased()
        return !refusedPrefixes.contains { lowered == $0 || lowered.hasPrefix($0 + "/") }
    }
}

extension Unicode.GeneralCategory {
    /// Controls, format characters (bidirectional overrides, zero-width joiners), separators
    /// other than the space, and code points that are no characters.
    fileprivate var isRefused: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }
}
