import BylineCore
import BylineStore
import Foundation
import Logging

/// Email signup (double opt-in) and passwordless sign-in for readers. Every request that
/// mails an address answers alike whatever the address is, so no page reveals who is a
/// member; what differs is only what is mailed. Tokens are random, mailed once, and stored
/// hashed (``SecretToken/hash(_:)``): a copy of the database confirms and signs in nobody.
public struct MemberSignup: Sendable {
    /// Signup and sign-in emails one address may cause per hour: a bot cannot flood an inbox.
    public static let emailsPerAddressPerHour = 5
    /// Such requests one client may make per hour: one bot cannot sign up thousands.
    public static let requestsPerClientPerHour = 30
    /// How long a member stays signed in on one browser.
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600

    let store: any MemberStore
    let mailer: MemberMailer
    let clock: any WallClock
    /// The site's public origin, which emailed links start with.
    let publicURL: String
    let logger: Logger
    /// Signs one-click unsubscribe links.
    let linkKey: MemberLinkKey
    /// Signs the time the forms Byline renders were shown (the minimum time on a form).
    let formStamp = SignupFormStamp()
    /// Good sessions held in memory, shared with the change watcher that empties it.
    let access: MemberAccessCache

    public init(
        store: any MemberStore, mailer: MemberMailer, linkKey: MemberLinkKey, clock: any WallClock, publicURL: String,
        logger: Logger = Logger(label: "byline.members"), access: MemberAccessCache = MemberAccessCache()
    ) {
        self.access = access
        self.linkKey = linkKey
        self.store = store
        self.mailer = mailer
        self.clock = clock
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.logger = logger
    }

    /// Why a request mails nothing even though the page answers as if it did.
    enum Refusal: Error, Equatable {
        /// The client asked too often: the page says to wait (this reveals nothing about members).
        case clientThrottled
        /// A signed-in member asked for too many links: the page says to wait.
        case memberThrottled
    }

    /// Starts a signup: a pending member gets the confirmation link, unless one went out within
    /// the window or the address asked too often. Throws 422 naming `email` for no address, and
    /// ``Refusal/clientThrottled`` for a client over its limit. The link carries `returnTo`, the
    /// page the reader lands on once confirmed.
    func subscribe(
        email text: String, newsletterIDs: [Int64], client: String, siteTitle: String, returnTo: ReturnPath? = nil
    ) async throws {
        let email = try Self.validEmail(text)
        guard try await allowed(email: email, client: client) else { return }
        let outcome = try await store.requestSignup(
            email: email, newsletterIDs: newsletterIDs, emailWindow: SignupRules.signupEmailWindow)
        if outcome.email == .alreadyConfirmed {
            // A member subscribing again (a new device, the gate's form): a sign-in link, which
            // brings them back to the article too. The signup window throttles it like the rest.
            return try await mailSignIn(
                memberID: outcome.memberID, email: email, siteTitle: siteTitle, returnTo: returnTo)
        }
        guard outcome.sendsConfirmation else { return }
        let token = try await issueToken(memberID: outcome.memberID, purpose: .confirmSignup)
        try await mailer.sendLink(
            to: email, subject: "Confirm your subscription to \(siteTitle)",
            introduction:
                "Confirm your subscription to \(siteTitle) by following this link (it works once, for 24 hours):",
            link: "\(publicURL)/members/confirm?token=\(token)\(ReturnPath.querySuffix(returnTo))", domain: domain)
    }

    /// Mails a sign-in link when the address is a member; mails nothing otherwise, and the page
    /// says the same either way. The link carries `returnTo`, the page the reader lands on once
    /// signed in.
    func requestSignIn(email text: String, client: String, siteTitle: String, returnTo: ReturnPath? = nil)
        async throws
    {
        let email = try Self.validEmail(text)
        guard try await allowed(email: email, client: client) else { return }
        guard let member = try await store.member(email: email) else { return }
        try await mailSignIn(memberID: member.id, email: member.email, siteTitle: siteTitle, returnTo: returnTo)
    }

    private func mailSignIn(memberID: Int64, email: String, siteTitle: String, returnTo: ReturnPath?) async throws {
        let token = try await issueToken(memberID: memberID, purpose: .signIn)
        try await mailer.sendLink(
            to: email, subject: "Sign in to \(siteTitle)",
            introduction: "Sign in to \(siteTitle) by following this link (it works once, for 15 minutes):",
            link: "\(publicURL)/members/auth?token=\(token)\(ReturnPath.querySuffix(returnTo))", domain: domain)
    }

    /// Uses a confirmation link: confirms the member and opens a session. Nil when the link is
    /// unknown, used or expired.
    func confirm(token: String) async throws -> OpenedMemberSession? {
        guard
            let consumed = try await store.consumeMemberToken(
                tokenHash: SecretToken.hash(token), purpose: .confirmSignup)
        else { return nil }
        let member = try await store.confirmMember(id: consumed.member.id)
        return try await openSession(memberID: member.id)
    }

    /// Uses a sign-in link: opens a session. Nil when the link is unknown, used or expired.
    func signIn(token: String) async throws -> OpenedMemberSession? {
        guard let consumed = try await store.consumeMemberToken(tokenHash: SecretToken.hash(token), purpose: .signIn)
        else { return nil }
        // Following a sign-in link proves the mailbox as well as a confirmation link does.
        if consumed.member.status != .confirmed { _ = try await store.confirmMember(id: consumed.member.id) }
        return try await openSession(memberID: consumed.member.id)
    }

    /// The session a member cookie names, when it is still good.
    func session(cookie: String) async throws -> MemberSession? {
        try await store.memberSession(tokenHash: SecretToken.hash(cookie))
    }

    /// Whether a request's member cookie (nil: none) names a good session of a confirmed member:
    /// who reads as a member on the public site (``Audience``). The answer held in memory costs
    /// nothing; a database read gives up after `timeout`, and a store that cannot answer makes
    /// the reader anonymous: less, never more.
    func readsAsMember(cookie token: String?, timeout: Duration) async -> Bool {
        guard let token, !token.isEmpty else { return false }
        let hash = SecretToken.hash(token)
        do {
            return try await access.isGood(tokenHash: hash) {
                try await withDeadline(timeout) { try await store.hasMemberSession(tokenHash: hash) }
            }
        } catch {
            logger.warning("reading a member session failed, answering as to anyone: \(error)")
            return false
        }
    }

    /// Deletes a member (their own choice, or staff's): their sessions end on this node at once,
    /// on the others when the change watcher reads the deletion.
    func deleteMember(id: Int64) async throws {
        try await store.deleteMember(id: id)
        access.removeAll()
    }

    func signOut(cookie: String) async throws {
        try await store.deleteMemberSession(tokenHash: SecretToken.hash(cookie))
        access.removeAll()
    }

    /// The one-click unsubscribe link of a member's newsletter email (nil: every newsletter),
    /// for its body and its `List-Unsubscribe` header (RFC 8058).
    public func unsubscribeURL(memberID: Int64, newsletterID: Int64?) -> String {
        NewsletterLinks(key: linkKey).unsubscribeURL(origin: publicURL, memberID: memberID, newsletterID: newsletterID)
    }

    // MARK: Parts

    static func validEmail(_ text: String) throws -> String {
        do {
            return try SignupRules.normalizedEmail(text)
        } catch {
            throw NewsroomError.invalidField(field: "email", reason: "\(error)")
        }
    }

    /// Notes the request and says whether it may mail: per address silently (the same page),
    /// per client loudly (``Refusal/clientThrottled``).
    private func allowed(email: String, client: String) async throws -> Bool {
        let since = clock.now().addingTimeInterval(-3600)
        if try await store.signupAttempts(scope: .client(client), since: since) >= Self.requestsPerClientPerHour {
            throw Refusal.clientThrottled
        }
        let byAddress = try await store.signupAttempts(scope: .email(email), since: since)
        try await store.recordSignupAttempt(scopes: [.email(email), .client(client)])
        return byAddress < Self.emailsPerAddressPerHour
    }

    private func issueToken(memberID: Int64, purpose: MemberTokenPurpose) async throws -> String {
        let token = SecretToken.make()
        try await store.createMemberToken(
            memberID: memberID, purpose: purpose, tokenHash: SecretToken.hash(token),
            expiresAt: clock.now().addingTimeInterval(purpose.lifetime), newEmail: nil)
        return token
    }

    func openSession(memberID: Int64) async throws -> OpenedMemberSession {
        let token = SecretToken.make()
        try await store.createMemberSession(
            tokenHash: SecretToken.hash(token), memberID: memberID, csrfToken: SecretToken.make(),
            expiresAt: clock.now().addingTimeInterval(Self.sessionLifetime))
        return OpenedMemberSession(cookieToken: token, maxAge: Int(Self.sessionLifetime))
    }

    /// The host name emailed Message-IDs end with.
    var domain: String { URL(string: publicURL)?.host ?? "byline.invalid" }
}

/// A session just opened: the random token the member cookie carries (the store has its hash).
struct OpenedMemberSession: Sendable {
    let cookieToken: String
    let maxAge: Int
}
