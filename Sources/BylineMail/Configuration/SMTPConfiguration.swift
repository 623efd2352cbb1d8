import Foundation
import NIOCore
import NIOSSL

/// Where and how to reach the SMTP server, parsed once from `SMTP_URL` (or the site's settings):
///
/// - `smtp://user:pass@host:587`: plain, upgraded with STARTTLS when the server offers it
/// - `smtp://user:pass@host:587?starttls=required`: refuses to send without STARTTLS
/// - `smtps://user:pass@host`: TLS from the start, port 465 by default
/// - `smtp://127.0.0.1:2525?tls=none`: no TLS at all, for local test servers
///
/// Further options: `auth=plain|login` (force one mechanism), `timeout=SECONDS` (each reply),
/// `helo=NAME` (the EHLO name). User and password are percent-decoded, so `p%40ss` is `p@ss`.
public struct SMTPConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var security: SMTPTransportSecurity
    /// User name and password; nil sends no AUTH.
    public var credentials: (user: String, password: String)?
    /// nil: PLAIN when offered, else LOGIN.
    public var authMechanism: SMTPAuthMechanism?
    /// The name sent with EHLO; nil sends the connection's local address as `[a.b.c.d]`.
    public var heloName: String?
    public var connectTimeout: TimeAmount
    /// How long to wait for each reply (also for the reply to the end of a message's data).
    public var replyTimeout: TimeAmount
    /// Certificates and verification for TLS; tests add their own CA's certificate here.
    public var tls: TLSConfiguration

    public init(
        host: String, port: Int, security: SMTPTransportSecurity = .startTLSIfOffered,
        credentials: (user: String, password: String)? = nil, authMechanism: SMTPAuthMechanism? = nil,
        heloName: String? = nil, connectTimeout: TimeAmount = .seconds(10), replyTimeout: TimeAmount = .seconds(60),
        tls: TLSConfiguration = .makeClientConfiguration()
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.authMechanism = authMechanism
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
        self.tls = tls
    }

    /// Parses an `smtp://` or `smtps://` URL; the error names the part that is wrong.
    public init(url text: String) throws(SMTPConfigurationError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            // URLComponents refuses a non-numeric port outright: say so rather than "not a URL".
            if let port = text.split(separator: "@").last?.split(separator: "/").first?.split(separator: ":").last,
                text.contains("://"), Int(port) == nil, text.split(separator: "@").last!.contains(":")
            {
                throw .badPort(String(port))
            }
            throw .notAURL(text)
        }
        var security: SMTPTransportSecurity
        let defaultPort: Int
        switch scheme {
        case "smtp":
            security = .startTLSIfOffered
            defaultPort = 587
        case "smtps":
            security = .implicitTLS
            defaultPort = 465
        default: throw .unsupportedScheme(scheme)
        }
        guard let rawHost = components.percentEncodedHost, !rawHost.isEmpty else { throw .missingHost }
        let host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        var port = defaultPort
        if let value = components.port {
            guard (1...65535).contains(value) else { throw .badPort(String(value)) }
            port = value
        }
        var credentials: (user: String, password: String)?
        if let user = components.user, !user.isEmpty {
            credentials = (user, components.password ?? "")
        }
        var mechanism: SMTPAuthMechanism?
        var heloName: String?
        var replyTimeout = TimeAmount.seconds(60)
        for item in components.queryItems ?? [] {
            let name = item.name.lowercased()
            let value = item.value ?? ""
            switch name {
            case "starttls":
                guard value.lowercased() == "required" else { throw .badOptionValue(name: name, value: value) }
                guard security != .implicitTLS else {
                    throw .conflictingOptions("starttls=required does not apply to smtps:// (TLS from the start)")
                }
                guard security != .none else { throw .conflictingOptions("starttls=required and tls=none") }
                security = .startTLSRequired
            case "tls":
                guard value.lowercased() == "none" else { throw .badOptionValue(name: name, value: value) }
                guard security == .startTLSIfOffered else {
                    throw .conflictingOptions(
                        security == .implicitTLS
                            ? "tls=none does not apply to smtps:// (use smtp://)" : "starttls=required and tls=none")
                }
                security = .none
            case "auth":
                guard let chosen = SMTPAuthMechanism(rawValue: value.uppercased()) else {
                    throw .badOptionValue(name: name, value: value)
                }
                mechanism = chosen
            case "timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 3600 else {
                    throw .badOptionValue(name: name, value: value)
                }
                replyTimeout = .milliseconds(Int64(seconds * 1000))
            case "helo":
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                    throw .badOptionValue(name: name, value: value)
                }
                heloName = value
            default: throw .unknownOption(item.name)
            }
        }
        self.init(
            host: host, port: port, security: security, credentials: credentials, authMechanism: mechanism,
            heloName: heloName, replyTimeout: replyTimeout)
    }
}

extension SMTPConfiguration {
    /// The environment variable naming the server: `SMTP_URL=smtp://user:pass@host:587`.
    public static let environmentVariable = "SMTP_URL"

    /// `SMTP_URL` from the environment; nil when it is unset or empty (no mail configured).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SMTPConfigurationError) -> SMTPConfiguration? {
        guard let url = environment[environmentVariable], !url.isEmpty else { return nil }
        return try SMTPConfiguration(url: url)
    }

    /// For logs and the admin: the server without the password (`smtp://news@mail.example:587`).
    public var redactedDescription: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = credentials.map { "\($0.user)@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(scheme)://\(user)\(host):\(port)"
    }
}
