import BylineCore
import Foundation

/// Staff accounts, their sessions and API tokens, and the sign-in throttle's memory. Secrets
/// arrive already hashed: passwords as bcrypt, tokens as SHA-256 hex.
public protocol StaffStore: Sendable {
    /// Creates a staff user and the author profile their posts are credited to (an existing
    /// author of the same name without an account becomes theirs). A taken email is
    /// ``StoreError/emailTaken(_:)``.
    func createStaffUser(email: String, name: String, role: StaffRole, passwordHash: String) async throws
        -> StaffUser
    func staffUser(id: Int64) async throws -> StaffUser?
    /// The user with this email (any case) and their password hash: sign-in.
    func staffCredentials(email: String) async throws -> (user: StaffUser, passwordHash: String)?
    /// Every staff user, by name.
    func staffUsers() async throws -> [StaffUser]
    func updateStaffUser(id: Int64, name: String, role: StaffRole, suspended: Bool) async throws -> StaffUser
    func deleteStaffUser(id: Int64) async throws
    /// Sets a new password hash and ends every session of the user but `keepingSession`.
    func setPasswordHash(userID: Int64, _ hash: String, keepingSession: String?) async throws

    func createSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Date) async throws
    /// The unexpired session with this token hash and its (unsuspended) user.
    func session(tokenHash: String) async throws -> StaffSession?
    func deleteSession(tokenHash: String) async throws
    /// Removes expired sessions and old sign-in failures.
    func pruneSessions() async throws

    func createAPIToken(userID: Int64, name: String, tokenHash: String) async throws -> APIToken
    /// The (unsuspended) user a token acts for; notes its use.
    func apiTokenUser(tokenHash: String) async throws -> StaffUser?
    func apiTokens(userID: Int64) async throws -> [APIToken]
    func deleteAPIToken(id: Int64, userID: Int64) async throws

    /// Notes one failed sign-in under each scope (an account, a client address).
    func recordSignInFailure(scopes: [String]) async throws
    /// Failed sign-ins under `scope` since `since`.
    func signInFailures(scope: String, since: Date) async throws -> Int
    func clearSignInFailures(scope: String) async throws
    /// Takes back one failure noted under `scope` (the newest): an attempt noted before its
    /// password was checked turned out to be a sign-in.
    func withdrawSignInFailure(scope: String) async throws
}
