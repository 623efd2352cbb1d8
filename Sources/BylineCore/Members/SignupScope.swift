/// What a request that emails an address (signup, a sign-in link, an email change) is counted
/// under, to limit them: per address, so nobody floods one inbox, per client, so one bot cannot
/// sign up thousands of addresses, and per member, so one account cannot mail link after link.
public enum SignupScope: Sendable, Hashable {
    /// The address asked for, in any case or spacing.
    case email(String)
    /// The requesting client's network address.
    case client(String)
    /// A signed-in member asking for something mailed (an email change's link).
    case member(Int64)

    /// The form the store keeps: one key per address however it was typed.
    public var key: String {
        switch self {
        case .email(let address): "email:" + SignupRules.emailKey(address)
        case .client(let address): "client:" + address
        case .member(let id): "member:\(id)"
        }
    }
}
