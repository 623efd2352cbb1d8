import Foundation

/// A reader with an email address on file: signed up for newsletters, perhaps signed in to
/// the site. One row per address, ever: signing up again finds the same member.
public struct Member: Sendable, Equatable, Codable {
    /// Hard bounces after which the site stops mailing the address: a dead mailbox that keeps
    /// being mailed costs the sender its reputation with the receiving providers.
    public static let hardBounceLimit = 3

    public var id: Int64
    /// The address as the member typed it (domain lowercased): what mail is sent to.
    public var email: String
    /// What the member calls themselves; empty until they say.
    public var name: String
    public var status: MemberStatus
    /// The newsletters the member receives, in the site's order of newsletters.
    public var newsletterIDs: [Int64]
    public var createdAt: Date
    public var confirmedAt: Date?
    public var updatedAt: Date
    /// When the last signup email (confirmation or "already subscribed") went to the address:
    /// the next goes only after ``SignupRules/signupEmailWindow``.
    public var lastSignupEmailAt: Date?
    /// Permanent delivery failures since the address was set.
    public var hardBounces: Int
    /// Set after ``hardBounceLimit`` hard bounces: nothing is mailed until the address changes.
    public var emailDisabled: Bool

    public init(
        id: Int64, email: String, name: String, status: MemberStatus, newsletterIDs: [Int64], createdAt: Date,
        confirmedAt: Date?, updatedAt: Date, lastSignupEmailAt: Date?, hardBounces: Int, emailDisabled: Bool
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.status = status
        self.newsletterIDs = newsletterIDs
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.updatedAt = updatedAt
        self.lastSignupEmailAt = lastSignupEmailAt
        self.hardBounces = hardBounces
        self.emailDisabled = emailDisabled
    }

    /// Whether newsletters go to this member at all (each newsletter also needs a subscription).
    public var receivesNewsletters: Bool { status == .confirmed && !emailDisabled }
}
