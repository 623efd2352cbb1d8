import BylineCore
import Foundation

/// Members (readers with an email address on file), the newsletters they choose, their emailed
/// links and sessions, and the signup throttle's memory. Secrets arrive already hashed (SHA-256
/// hex): the web layer hashes, so a copy of the database signs nobody in and confirms nothing.
///
/// Nothing here tells a web page whether an address is a member: ``requestSignup(email:newsletterIDs:emailWindow:)``
/// says what to mail, and the page says the same to everyone.
public protocol MemberStore: Sendable {
    // MARK: Newsletters

    /// The newsletters in the order forms offer them; inactive ones only when asked.
    func newsletters(includingInactive: Bool) async throws -> [Newsletter]
    func newsletter(id: Int64) async throws -> Newsletter?
    func newsletter(slug: String) async throws -> Newsletter?
    /// A taken slug the input names is ``StoreError/slugTaken(_:)``; a slug derived from the
    /// name is numbered instead.
    func createNewsletter(_ input: NewsletterInput) async throws -> Newsletter
    func updateNewsletter(id: Int64, _ input: NewsletterInput) async throws -> Newsletter
    /// Creates a newsletter called `name` when the site has none, so signup always has one to
    /// subscribe to; returns the active newsletters. The server calls it at start (a new site
    /// and the demo get theirs there); a migration inserting one would make every new store
    /// look non-empty to a restore.
    func ensureDefaultNewsletter(name: String) async throws -> [Newsletter]

    // MARK: Signup

    /// Notes a signup for `email` (refused as ``StoreError/invalidInput(_:)`` when it is no
    /// address: ``SignupRules/normalizedEmail(_:)``): creates the pending member when the
    /// address is new (one row per address, ever, in any case or spacing), and subscribes a
    /// pending member to the chosen active newsletters (none chosen: every active one). Says
    /// what to mail; mailing is stamped as done, so no second signup email goes to one address
    /// within `emailWindow`, also when two requests race.
    func requestSignup(email: String, newsletterIDs: [Int64], emailWindow: TimeInterval) async throws
        -> SignupOutcome
    /// Pending becomes confirmed (once: a second call keeps the first confirmation time).
    func confirmMember(id: Int64) async throws -> Member

    // MARK: Emailed links

    /// Stores an emailed link's token hash; `newEmail` is the address a ``MemberTokenPurpose/changeEmail``
    /// link moves the member to.
    func createMemberToken(
        memberID: Int64, purpose: MemberTokenPurpose, tokenHash: String, expiresAt: Date, newEmail: String?
    ) async throws
    /// The member a link is for, when it is of `purpose`, unexpired and unused; marks it used in
    /// the same statement, so it works once, also when two requests race with it.
    func consumeMemberToken(tokenHash: String, purpose: MemberTokenPurpose) async throws -> ConsumedMemberToken?

    // MARK: Sessions

    func createMemberSession(tokenHash: String, memberID: Int64, csrfToken: String, expiresAt: Date) async throws
    /// The unexpired session with this token hash and its member.
    func memberSession(tokenHash: String) async throws -> MemberSession?
    /// Whether this token hash names an unexpired session of a confirmed member: what the gate
    /// asks of a member's page view when the node holds no fresh answer, one indexed read
    /// (``memberSession(tokenHash:)`` reads the whole member).
    func hasMemberSession(tokenHash: String) async throws -> Bool
    func deleteMemberSession(tokenHash: String) async throws
    /// Signs the member out everywhere.
    func deleteMemberSessions(memberID: Int64) async throws

    // MARK: Members

    func member(id: Int64) async throws -> Member?
    /// The member with this address, in any case or spacing.
    func member(email: String) async throws -> Member?
    /// The admin's list, newest first (by id), with the total matching the filter.
    func memberListing(_ filter: MemberFilter, _ page: PageRequest) async throws -> Page<Member>
    func updateMember(id: Int64, name: String) async throws -> Member
    /// Moves the member to another address (after the new address confirmed it); refused as
    /// ``StoreError/emailTaken(_:)`` when another member has it. Bounces start again from zero.
    func changeEmail(memberID: Int64, to email: String) async throws -> Member
    /// Exactly these newsletters (inactive and unknown ids are left out).
    func setNewsletters(memberID: Int64, ids: [Int64]) async throws -> Member
    /// Ends one subscription, or every one when `newsletterID` is nil (one-click unsubscribe).
    func unsubscribe(memberID: Int64, newsletterID: Int64?) async throws
    /// Removes the member's personal data: the row, subscriptions, links, sessions and the
    /// signup throttle's notes about the address.
    func deleteMember(id: Int64) async throws

    // MARK: Delivery

    /// Confirmed members with deliverable addresses subscribed to the newsletter.
    func confirmedSubscriberCount(newsletterID: Int64) async throws -> Int
    /// The next `limit` of those after member id `afterID`, by id: a sender walks any number of
    /// members in batches, each batch one index range, and resumes after the last id it saw.
    func confirmedSubscribers(newsletterID: Int64, afterID: Int64, limit: Int) async throws -> [NewsletterRecipient]
    /// Notes a permanent delivery failure; the ``Member/hardBounceLimit``th stops mail to the
    /// address. Nil when the member is gone.
    func recordHardBounce(memberID: Int64) async throws -> Member?

    // MARK: Throttle and upkeep

    /// Notes one request that emails an address under each scope.
    func recordSignupAttempt(scopes: [SignupScope]) async throws
    /// Requests noted under `scope` since `since`.
    func signupAttempts(scope: SignupScope, since: Date) async throws -> Int
    /// Removes expired links and sessions and throttle notes older than a day.
    func pruneMemberRecords() async throws
}

extension MemberStore {
    /// Signup with the site's window between signup emails (``SignupRules/signupEmailWindow``).
    public func requestSignup(email: String, newsletterIDs: [Int64] = []) async throws -> SignupOutcome {
        try await requestSignup(email: email, newsletterIDs: newsletterIDs, emailWindow: SignupRules.signupEmailWindow)
    }
}
