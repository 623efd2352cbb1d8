import BylineCore

/// A row of a member import that is not imported, and why, in words the person who made the
/// file can act on.
public struct MemberImportProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        case invalidEmail(EmailAddressError)
        /// The same address (in any case) is on an earlier line of the file.
        case duplicate(firstLine: Int)
        case unknownNewsletter(String)
        /// Nothing new subscribes to an inactive newsletter (``Newsletter/active``).
        case inactiveNewsletter(String)
        case nameTooLong(maxLength: Int)
        case unknownStatus(String)

        public var description: String {
            switch self {
            case .invalidEmail(let error): error.description
            case .duplicate(let firstLine): "The same address is on line \(firstLine); only that line is imported."
            case .unknownNewsletter(let slug):
                "There is no newsletter “\(slug)”: use one of the site's newsletter slugs."
            case .inactiveNewsletter(let slug):
                "The newsletter “\(slug)” is inactive: nobody new can subscribe to it."
            case .nameTooLong(let maxLength): "The name is longer than \(maxLength) characters."
            case .unknownStatus(let status): "The status “\(status)” is neither pending nor confirmed."
            }
        }
    }

    /// The file's line the row starts on.
    public var line: Int
    /// The address as the file has it (perhaps empty or malformed).
    public var email: String
    public var reason: Reason

    public init(line: Int, email: String, reason: Reason) {
        self.line = line
        self.email = email
        self.reason = reason
    }

    public var description: String { "line \(line): \(email.isEmpty ? "(no address)" : email): \(reason)" }
}
