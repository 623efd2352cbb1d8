/// One member a newsletter goes to: just what a message needs, so a sender's batch of
/// thousands stays small.
public struct NewsletterRecipient: Sendable, Equatable {
    public var memberID: Int64
    public var email: String
    public var name: String

    public init(memberID: Int64, email: String, name: String) {
        self.memberID = memberID
        self.email = email
        self.name = name
    }
}
