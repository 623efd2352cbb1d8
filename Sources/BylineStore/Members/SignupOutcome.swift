/// What a signup request leads to, for mail only: the web page answers every signup alike, so
/// it never reveals whether an address is a member.
public struct SignupOutcome: Sendable, Equatable {
    /// What, if anything, to mail to the address.
    public enum Email: Sendable, Equatable {
        /// A pending member: send the confirmation link.
        case confirmation
        /// Already confirmed: no confirmation; the caller may mail a sign-in link instead.
        case alreadyConfirmed
        /// A signup email went to this address within the window: send nothing.
        case none
    }

    public var memberID: Int64
    public var email: Email

    public init(memberID: Int64, email: Email) {
        self.memberID = memberID
        self.email = email
    }

    /// Whether to send the confirmation link.
    public var sendsConfirmation: Bool { email == .confirmation }
}
