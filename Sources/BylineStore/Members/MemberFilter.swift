import BylineCore

/// Which members the admin's list shows. Every field narrows; nil means any.
public struct MemberFilter: Sendable, Equatable {
    /// Words the email address or the name must contain (any case).
    public var search: String?
    public var status: MemberStatus?
    /// Subscribers of this newsletter.
    public var newsletterID: Int64?
    /// true: only members whose mail stopped after hard bounces; false: only the others.
    public var emailDisabled: Bool?

    public init(
        search: String? = nil, status: MemberStatus? = nil, newsletterID: Int64? = nil, emailDisabled: Bool? = nil
    ) {
        self.search = search
        self.status = status
        self.newsletterID = newsletterID
        self.emailDisabled = emailDisabled
    }
}
