import Foundation

/// The rules of email signup, pure so the signup form, the store and a CSV import of members
/// agree on what an address is and when two spellings are the same member.
public enum SignupRules {
    /// RFC 5321's limit on a path (256) less its angle brackets.
    public static let maxEmailLength = 254
    /// RFC 5321's limit on the part before the @.
    public static let maxLocalPartLength = 64
    /// Longer names are cut: a name is shown in greetings and lists, not stored as a document.
    public static let maxNameLength = 100
    /// No second signup email to one address within this: repeated clicks, bots and people
    /// signing up somebody else's address get one email, not a flood.
    public static let signupEmailWindow: TimeInterval = 10 * 60

    /// What the part before the @ may hold (RFC 5322's dot-atom; quoted local parts are left
    /// out: they are nearly always typing mistakes).
    private static let localPartSymbols = Set("!#$%&'*+/=?^_`{|}~-.")

    /// The address as stored and mailed: trimmed, its domain lowercased (domains have no case;
    /// the part before the @ keeps the reader's spelling). Throws why it cannot be an address.
    public static func normalizedEmail(_ text: String) throws(EmailAddressError) -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.contains(where: { $0.isWhitespace }) { throw .containsSpace }
        guard trimmed.unicodeScalars.allSatisfy(\.isASCII) else { throw .nonASCII }
        guard trimmed.utf8.count <= maxEmailLength else { throw .tooLong }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count > 1 else { throw .missingAt }
        guard parts.count == 2 else { throw .severalAts }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard !local.isEmpty else { throw .missingLocalPart }
        guard !domain.isEmpty else { throw .missingDomain }
        try checkLocalPart(local)
        try checkDomain(domain)
        return local + "@" + domain
    }

    /// The key one address is found by, however it was typed: trimmed and lowercased. Local
    /// parts may in theory differ by case; no provider in use treats them so, and one person
    /// typing `Ada@` and `ada@` must not become two members.
    public static func emailKey(_ email: String) -> String {
        email.trimmingWhitespace().lowercased()
    }

    /// A member's name as stored: whitespace folded, at most ``maxNameLength`` characters.
    public static func memberName(_ text: String) -> String {
        String(text.collapsingWhitespace().prefix(maxNameLength)).trimmingWhitespace()
    }

    private static func checkLocalPart(_ local: Substring) throws(EmailAddressError) {
        guard local.utf8.count <= maxLocalPartLength else { throw .localPartTooLong }
        if let bad = local.first(where: { !($0.isLetter || $0.isNumber || localPartSymbols.contains($0)) }) {
            throw .invalidCharacter(bad)
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { throw .misplacedDot }
    }

    /// Host names as mail can reach them: at least two labels, each of letters, digits and
    /// inner hyphens, the last not all digits (an address at a bare IP is a mistake here).
    private static func checkDomain(_ domain: String) throws(EmailAddressError) {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.contains(where: \.isEmpty) { throw .misplacedDot }
        for label in labels {
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), label.utf8.count <= 63,
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { throw .invalidDomain }
        }
        guard labels.count >= 2 else { throw .domainWithoutDot }
        if let last = labels.last, last.allSatisfy(\.isNumber) { throw .invalidDomain }
    }
}
