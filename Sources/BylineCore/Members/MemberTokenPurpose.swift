import Foundation

/// What an emailed member link does. A token is good for its own purpose only: a sign-in link
/// cannot confirm an email change, whatever page it is pasted into.
public enum MemberTokenPurpose: String, Sendable, Codable, CaseIterable {
    /// Double opt-in: following it confirms the signup.
    case confirmSignup = "confirm-signup"
    /// Passwordless sign-in.
    case signIn = "sign-in"
    /// Sent to a new address; following it moves the member to that address.
    case changeEmail = "change-email"

    /// How long a link of this purpose stays good. A sign-in link signs a browser in, so it
    /// lives briefly; the others only prove that someone reads the mailbox, and mail can be slow.
    public var lifetime: TimeInterval {
        switch self {
        case .signIn: 15 * 60
        case .confirmSignup, .changeEmail: 24 * 3600
        }
    }
}
