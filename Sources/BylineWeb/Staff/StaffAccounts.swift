import BylineCore
import BylineStore
import Foundation

/// Staff sign-in, sessions, passwords, accounts and API tokens.
public struct StaffAccounts: Sendable {
    public let store: any StaffStore
    public let hasher: PasswordHasher
    public let throttle: SignInThrottle
    let clock: any WallClock
    /// How long a browser stays signed in.
    public static let sessionLifetime: TimeInterval = 14 * 24 * 3600

    public init(
        store: any StaffStore, hasher: PasswordHasher = PasswordHasher(), throttle: SignInThrottle = .init(),
        clock: any WallClock
    ) {
        self.store = store
        self.hasher = hasher
        self.throttle = throttle
        self.clock = clock
    }

    /// Why a sign-in did not succeed.
    public enum SignInRefusal: Error, Equatable {
        case wrongCredentials
        /// Too many failures: try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    /// A new browser session: the cookie's token (kept only by the browser) and the session.
    public struct NewSession: Sendable {
        public var token: String
        public var session: StaffSession
    }

    /// Checks email and password; on success starts a session. Failures count against the
    /// account and the client address, and past the limit even a right password is refused
    /// until the window has passed, so guessing cannot go on.
    public func signIn(email: String, password: String, clientAddress: String) async throws -> NewSession {
        let since = clock.now().addingTimeInterval(-throttle.window)
        let accountScope = SignInThrottle.accountScope(email.trimmingCharacters(in: .whitespaces))
        let addressScope = SignInThrottle.addressScope(clientAddress)
        let accountFailures = try await store.signInFailures(scope: accountScope, since: since)
        let addressFailures = try await store.signInFailures(scope: addressScope, since: since)
        if accountFailures >= throttle.perAccount || addressFailures >= throttle.perAddress {
            throw SignInRefusal.throttled(retryAfter: Int(throttle.window))
        }
        // The attempt counts as a failure before its password is checked, and the counts are read
        // again: of many attempts sent at once (which all passed the check above), only those
        // within the limit go on to the password.
        try await store.recordSignInFailure(scopes: [accountScope, addressScope])
        let accountAttempts = try await store.signInFailures(scope: accountScope, since: since)
        let addressAttempts = try await store.signInFailures(scope: addressScope, since: since)
        if accountAttempts > throttle.perAccount || addressAttempts > throttle.perAddress {
            throw SignInRefusal.throttled(retryAfter: Int(throttle.window))
        }
        let found = try await store.staffCredentials(email: email.trimmingCharacters(in: .whitespaces))
        // An unknown address costs a bcrypt check too: answering faster would tell who has an
        // account.
        let matches = try await hasher.verify(password, hash: found?.passwordHash ?? PasswordHasher.timingHash)
        guard let found, matches, !found.user.suspended else { throw SignInRefusal.wrongCredentials }
        try await store.clearSignInFailures(scope: accountScope)
        try await store.withdrawSignInFailure(scope: addressScope)
        return try await startSession(for: found.user)
    }

    func startSession(for user: StaffUser) async throws -> NewSession {
        let token = SecretToken.make()
        let csrf = SecretToken.make()
        let now = clock.now()
        let expires = now.addingTimeInterval(Self.sessionLifetime)
        try await store.createSession(
            tokenHash: SecretToken.hash(token), userID: user.id, csrfToken: csrf, expiresAt: expires)
        return NewSession(
            token: token,
            session: StaffSession(
                tokenHash: SecretToken.hash(token), user: user, csrfToken: csrf, createdAt: now, expiresAt: expires))
    }

    /// The session a cookie's token names, if it is current.
    public func session(token: String) async throws -> StaffSession? {
        try await store.session(tokenHash: SecretToken.hash(token))
    }

    /// The staff member an API token acts for.
    public func apiTokenUser(token: String) async throws -> StaffUser? {
        try await store.apiTokenUser(tokenHash: SecretToken.hash(token))
    }

    public func signOut(_ session: StaffSession) async throws {
        try await store.deleteSession(tokenHash: session.tokenHash)
    }

    /// Changes the user's own password after checking the current one; other browsers signed in
    /// as them are signed out.
    public func changePassword(
        _ session: StaffSession, current: String, new: String
    ) async throws {
        guard let found = try await store.staffCredentials(email: session.user.email),
            try await hasher.verify(current, hash: found.passwordHash)
        else { throw NewsroomError.invalidField(field: "current_password", reason: "is not your current password") }
        if let problem = PasswordHasher.problem(with: new) {
            throw NewsroomError.invalidField(field: "new_password", reason: problem)
        }
        try await store.setPasswordHash(
            userID: session.user.id, try await hasher.hash(new), keepingSession: session.tokenHash)
    }

    /// A one-time password for a new account or a reset: long, random, shown once.
    public static func oneTimePassword() -> String { SecretToken.make(bytes: 15) }

    /// Creates an account (the CLI and administrators). Returns it and its one-time password.
    public func addUser(email: String, name: String, role: StaffRole, password: String? = nil) async throws -> (
        StaffUser, String
    ) {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard Self.looksLikeEmail(email) else {
            throw NewsroomError.invalidField(field: "email", reason: "is not an email address")
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw NewsroomError.invalidField(field: "name", reason: "is required") }
        let password = password ?? Self.oneTimePassword()
        if let problem = PasswordHasher.problem(with: password) {
            throw NewsroomError.invalidField(field: "password", reason: problem)
        }
        let user = try await store.createStaffUser(
            email: email, name: name, role: role, passwordHash: try await hasher.hash(password))
        return (user, password)
    }

    /// Sets a new one-time password and signs the user out everywhere. Returns the password.
    public func resetPassword(email: String) async throws -> String {
        guard let found = try await store.staffCredentials(email: email) else {
            throw NewsroomError.notFound("staff user \(email)")
        }
        let password = Self.oneTimePassword()
        try await store.setPasswordHash(userID: found.user.id, try await hasher.hash(password), keepingSession: nil)
        // A reset answers a lost or stolen password: the account's API tokens go too.
        for token in try await store.apiTokens(userID: found.user.id) {
            try await store.deleteAPIToken(id: token.id, userID: found.user.id)
        }
        return password
    }

    /// Invites a staff member as `actor` (an administrator or the owner).
    public func invite(email: String, name: String, role: StaffRole, by actor: StaffUser) async throws -> (
        StaffUser, String
    ) {
        guard NewsroomPermissions.mayManage(actor.role, target: role, newRole: role) else {
            throw NewsroomError.forbidden("A \(actor.role.rawValue) cannot add a \(role.rawValue).")
        }
        return try await addUser(email: email, name: name, role: role)
    }

    /// Changes another staff member's name, role or suspension as `actor`.
    public func updateUser(id: Int64, name: String, role: StaffRole, suspended: Bool, by actor: StaffUser)
        async throws -> StaffUser
    {
        guard let target = try await store.staffUser(id: id) else { throw NewsroomError.notFound("staff user \(id)") }
        if target.id == actor.id {
            // Anyone may rename themselves; nobody changes their own role or suspends themselves.
            guard role == target.role, !suspended else {
                throw NewsroomError.forbidden("You cannot change your own role or suspend yourself.")
            }
        } else {
            guard
                NewsroomPermissions.mayManage(
                    actor.role, target: target.role, newRole: role == target.role ? nil : role)
            else { throw NewsroomError.forbidden("A \(actor.role.rawValue) cannot change this account.") }
        }
        return try await store.updateStaffUser(id: id, name: name, role: role, suspended: suspended)
    }

    public func removeUser(id: Int64, by actor: StaffUser) async throws {
        guard let target = try await store.staffUser(id: id) else { throw NewsroomError.notFound("staff user \(id)") }
        guard target.id != actor.id, NewsroomPermissions.mayManage(actor.role, target: target.role) else {
            throw NewsroomError.forbidden("A \(actor.role.rawValue) cannot remove this account.")
        }
        try await store.deleteStaffUser(id: id)
    }

    /// A new API token for the user; the secret is returned once and never stored.
    public func createAPIToken(name: String, for user: StaffUser) async throws -> (APIToken, String) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw NewsroomError.invalidField(field: "name", reason: "is required") }
        let secret = "byline_" + SecretToken.make()
        let token = try await store.createAPIToken(userID: user.id, name: name, tokenHash: SecretToken.hash(secret))
        return (token, secret)
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
            && text.count <= 254
    }
}
