import Foundation

/// Limits failed sign-ins per account and per client address, kept in the store so every node
/// counts the same attempts.
public struct SignInThrottle: Sendable {
    /// Failures allowed for one account within `window` before it is locked for the rest of it.
    public var perAccount = 5
    /// Failures allowed from one address (many accounts tried from one place).
    public var perAddress = 20
    public var window: TimeInterval = 15 * 60

    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    static func accountScope(_ email: String) -> String { "account:" + email.lowercased() }
    static func addressScope(_ address: String) -> String { "address:" + address }
}
