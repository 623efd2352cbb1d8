import BylineCore
import BylineStore
import Foundation

/// A signed-in member moving to another address. The new address proves itself the way a
/// signup does, by a single-use link mailed to it; only then does the member move, and the old
/// address is told, so an account taken over through a stolen session does not move in silence.
extension MemberSignup {
    /// What using an email-change link did.
    enum EmailChangeOutcome: Sendable {
        /// The member now has the new address; a session for the browser that used the link.
        case changed(member: Member, previousEmail: String, session: OpenedMemberSession)
        /// Another member has the address by now: nothing changed.
        case taken(email: String, member: Member)
        /// The link is unknown, used or expired.
        case refused
    }

    /// Mails a change link to `text` for the signed-in `member`. Throws 422 naming `email` for
    /// no address or the member's own, ``Refusal/clientThrottled`` and ``Refusal/memberThrottled``
    /// past the limits. A new address that had as many emails this hour as signup allows is
    /// mailed nothing more, and the page says the same: nobody floods an inbox through accounts.
    /// Whether another member has the address is not checked here: the page would tell whoever
    /// asks who is a member; the link says so to the mailbox's owner, who knows it anyway.
    func requestEmailChange(member: Member, to text: String, client: String, siteTitle: String) async throws
        -> String
    {
        let email = try Self.validEmail(text)
        guard SignupRules.emailKey(email) != SignupRules.emailKey(member.email) else {
            throw NewsroomError.invalidField(field: "email", reason: "That is already your address.")
        }
        let since = clock.now().addingTimeInterval(-3600)
        if try await store.signupAttempts(scope: .client(client), since: since) >= Self.requestsPerClientPerHour {
            throw Refusal.clientThrottled
        }
        if try await store.signupAttempts(scope: .member(member.id), since: since) >= Self.emailsPerAddressPerHour {
            throw Refusal.memberThrottled
        }
        let byAddress = try await store.signupAttempts(scope: .email(email), since: since)
        try await store.recordSignupAttempt(scopes: [.member(member.id), .client(client), .email(email)])
        guard byAddress < Self.emailsPerAddressPerHour else { return email }
        let token = SecretToken.make()
        try await store.createMemberToken(
            memberID: member.id, purpose: .changeEmail, tokenHash: SecretToken.hash(token),
            expiresAt: clock.now().addingTimeInterval(MemberTokenPurpose.changeEmail.lifetime), newEmail: email)
        try await mailer.sendLink(
            to: email, subject: "Confirm your new email address at \(siteTitle)",
            introduction:
                "Someone asked to move an account at \(siteTitle) to this address. If it was you, follow this "
                + "link to confirm (it works once, for 24 hours):",
            link: "\(publicURL)/members/change-email?token=\(token)", domain: domain)
        return email
    }

    /// Uses an email-change link: moves the member, mails the old address a notice, and opens a
    /// session (the link proves the mailbox that is now the account's, as a sign-in link does).
    func confirmEmailChange(token: String, siteTitle: String) async throws -> EmailChangeOutcome {
        guard
            let consumed = try await store.consumeMemberToken(
                tokenHash: SecretToken.hash(token), purpose: .changeEmail),
            let newEmail = consumed.newEmail
        else { return .refused }
        let previous = consumed.member.email
        let member: Member
        do {
            member = try await store.changeEmail(memberID: consumed.member.id, to: newEmail)
        } catch StoreError.emailTaken(let email) {
            return .taken(email: email, member: consumed.member)
        }
        if member.status != .confirmed { _ = try await store.confirmMember(id: member.id) }
        do {
            try await mailer.sendNotice(
                to: previous, subject: "Your email address at \(siteTitle) was changed",
                text: """
                    The email address of your account at \(siteTitle) was changed from \(previous) to \(member.email). \
                    Emails from \(siteTitle) now go to the new address.

                    If you did not ask for this, someone else may be using your account: contact \(siteTitle) \
                    at once.
                    """, domain: domain)
        } catch {
            // The move is done and stays done: a notice the old server refuses must not undo it.
            logger.warning("could not send the email-change notice for member \(member.id): \(error)")
        }
        return .changed(
            member: try await store.member(id: member.id) ?? member, previousEmail: previous,
            session: try await openSession(memberID: member.id))
    }
}
