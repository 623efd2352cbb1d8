/// Why an `SMTP_URL` cannot be used; `description` names the part to fix.
public enum SMTPConfigurationError: Error, Equatable, CustomStringConvertible {
    case notAURL(String)
    case unsupportedScheme(String)
    case missingHost
    case badPort(String)
    case unknownOption(String)
    case badOptionValue(name: String, value: String)
    case conflictingOptions(String)

    public var description: String {
        switch self {
        case .notAURL(let text):
            "SMTP URL \"\(text)\" is not a URL: expected smtp://user:password@host:port or smtps://..."
        case .unsupportedScheme(let scheme):
            "SMTP URL scheme \"\(scheme)\" is not supported: use smtp:// (STARTTLS when offered) or smtps:// (TLS)"
        case .missingHost: "SMTP URL has no host: expected smtp://user:password@host:port"
        case .badPort(let port): "SMTP URL port \"\(port)\" is not a port number (1-65535)"
        case .unknownOption(let name):
            "SMTP URL option \"\(name)\" is unknown: known are starttls=required, tls=none, auth=plain|login, timeout=SECONDS, helo=NAME"
        case .badOptionValue(let name, let value):
            "SMTP URL option \(name)=\(value) is not valid: \(Self.expected(name))"
        case .conflictingOptions(let why): "SMTP URL options conflict: \(why)"
        }
    }

    private static func expected(_ name: String) -> String {
        switch name {
        case "starttls": "use starttls=required"
        case "tls": "use tls=none (only for local test servers)"
        case "auth": "use auth=plain or auth=login"
        case "timeout": "use a number of seconds, e.g. timeout=30"
        default: "see the documentation"
        }
    }
}
