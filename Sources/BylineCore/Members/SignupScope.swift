/// What a request that emails an address (signup, a sign-in link) is counted under, to limit
/// them: per address, so nobody floods one inbox, and per client, so one bot cannot sign up
/// thousands of addresses.
public enum SignupScope: Sendable, Hashable {
    /// The address asked for, in any case or spacing.
    case email(String)
    /// The requesting client's network address.
    case client(String)

    /// The form the store keeps: one key per address however it was typed.
    public var key: String {
        switch self {
        case .email(let address): "email:" + SignupRules.emailKey(address)
        case .client(let address): "client:" + address
        }
    }
}
