import BylineCore

/// One member as a CSV import names them, read and checked by ``MemberImport``.
public struct MemberImportRow: Sendable, Equatable {
    /// The file's line the row starts on, for messages.
    public var line: Int
    /// The address as typed; the store normalizes it (``SignupRules/normalizedEmail(_:)``).
    public var email: String
    public var name: String
    /// Slugs of the newsletters to subscribe a new member to; nil: every active newsletter, as a
    /// signup without a choice.
    public var newsletterSlugs: [String]?
    /// The file's `status`; nil: what the import as a whole says (see
    /// ``MemberAdministration/importMembers(_:confirmed:)``).
    public var status: MemberStatus?

    public init(
        line: Int, email: String, name: String = "", newsletterSlugs: [String]? = nil, status: MemberStatus? = nil
    ) {
        self.line = line
        self.email = email
        self.name = name
        self.newsletterSlugs = newsletterSlugs
        self.status = status
    }
}
