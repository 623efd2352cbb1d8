import BylineCore
import Foundation

/// The values a signup writes, derived once from the request so every engine writes the same.
struct MemberSignupPlan: Sendable {
    /// The address as stored and mailed (``SignupRules/normalizedEmail(_:)``).
    let email: String
    /// What makes the address one member however it was typed (``SignupRules/emailKey(_:)``).
    let emailKey: String
    /// The chosen newsletters; empty: every active one.
    let newsletterIDs: [Int64]
    let now: Date
    /// A signup email sent at or before this may be followed by another now.
    let lastEmailCutoff: Date

    /// Refuses what is no email address, with the reason a reader can act on.
    init(email: String, newsletterIDs: [Int64], now: Date, emailWindow: TimeInterval) throws {
        do {
            self.email = try SignupRules.normalizedEmail(email)
        } catch {
            throw StoreError.invalidInput(error.description)
        }
        self.emailKey = SignupRules.emailKey(self.email)
        self.newsletterIDs = Array(Set(newsletterIDs)).sorted()
        self.now = now
        self.lastEmailCutoff = now - emailWindow
    }
}
