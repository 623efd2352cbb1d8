/// Why a typed email address cannot be used, in words the reader can act on: the signup form
/// shows ``description`` next to the field.
public enum EmailAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case containsSpace
    /// Letters outside ASCII: mail to them needs SMTPUTF8 and IDNA, which the site's mail does
    /// not speak (yet), so the address would never get its confirmation.
    case nonASCII
    case missingAt
    case severalAts
    case missingLocalPart
    case missingDomain
    case tooLong
    case localPartTooLong
    case invalidCharacter(Character)
    case misplacedDot
    case domainWithoutDot
    case invalidDomain

    public var description: String {
        switch self {
        case .empty: "Enter your email address."
        case .containsSpace: "An email address has no spaces in it: check what you typed."
        case .nonASCII:
            "Use an address written with the letters A to Z, digits and . _ - +: mail to other letters cannot be sent yet."
        case .missingAt: "An email address needs an @, like name@example.com."
        case .severalAts: "An email address has only one @: check what you typed."
        case .missingLocalPart: "Add the part before the @, like name@example.com."
        case .missingDomain: "Add the part after the @, like name@example.com."
        case .tooLong: "That is too long for an email address (254 characters at most)."
        case .localPartTooLong: "The part before the @ is too long (64 characters at most)."
        case .invalidCharacter(let character): "An email address cannot contain “\(character)”: check what you typed."
        case .misplacedDot: "A dot cannot start or end a part of the address, or follow another dot."
        case .domainWithoutDot: "The part after the @ needs its ending, like example.com."
        case .invalidDomain:
            "The part after the @ is not a domain name: letters, digits and hyphens between dots, like example.com."
        }
    }
}
