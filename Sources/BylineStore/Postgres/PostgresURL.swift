import Foundation

/// A parsed `postgres://user:password@host:port/database?sslmode=...&sslrootcert=...` URL (also
/// `postgresql://`). The parameters are libpq's TLS ones; any other parameter is refused.
struct PostgresURL: Sendable, Equatable {
    /// libpq's `sslmode` values that PostgresNIO can express (`allow`, plain first and TLS on
    /// refusal, it cannot). Without `sslmode` the connection is not encrypted (`disable`).
    enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, else plain; the certificate is not verified.
        case prefer
        /// TLS or no connection; the certificate is not verified (unless `sslrootcert` is given).
        case require
        /// TLS, with the server's certificate chain verified against `sslrootcert`; any host name.
        case verifyCA = "verify-ca"
        /// TLS, with the chain verified against `sslrootcert` and the certificate naming the host
        /// (a DNS name, or an IP address for a numeric host).
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    /// nil: the server's default (the user's name).
    var database: String?
    var sslMode: SSLMode
    /// A PEM file of CA certificates that the server's certificate must chain to; read when a
    /// connection's TLS is configured (``connectionTLS()``), not while parsing.
    var sslRootCert: String?

    static let schemes: Set<String> = ["postgres", "postgresql"]

    init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String? = nil,
        sslMode: SSLMode = .disable, sslRootCert: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
    }

    init(parsing text: String) throws {
        let shown = Self.redacted(text)
        func invalid(_ reason: String) -> PostgresStoreError { .invalidURL("\(reason) in \"\(shown)\"") }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw invalid("not a URL (expected postgres://user:password@host:port/database)")
        }
        guard Self.schemes.contains(scheme) else {
            throw invalid("the scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("no host") }
        guard let user = components.user, !user.isEmpty else { throw invalid("no user name") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid("port \(port) is out of range") }
        var sslMode: SSLMode?
        var sslRootCert: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard sslMode == nil else { throw invalid("sslmode is given twice") }
                if value == "allow" {
                    throw invalid(
                        "sslmode=allow (plain first, TLS only if refused) is not supported: use prefer or require")
                }
                guard let mode = SSLMode(rawValue: value) else {
                    let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw invalid("unknown sslmode=\(value) (expected one of \(known))")
                }
                sslMode = mode
            case "sslrootcert":
                guard sslRootCert == nil else { throw invalid("sslrootcert is given twice") }
                guard !value.isEmpty else { throw invalid("sslrootcert needs the path of a PEM CA certificate file") }
                sslRootCert = value
            default: throw invalid("unsupported parameter \(item.name)")
            }
        }
        if let mode = sslMode, mode == .verifyCA || mode == .verifyFull, sslRootCert == nil {
            throw invalid(
                "sslmode=\(mode.rawValue) needs sslrootcert=PATH, the PEM file of the CA that signed the server's "
                    + "certificate")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw invalid("the path must be just the database name") }
        self.init(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: components.port ?? 5432,
            username: user, password: components.password, database: path.isEmpty ? nil : path,
            sslMode: sslMode ?? .disable, sslRootCert: sslRootCert)
    }

    /// The same server with another database.
    func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL text, to open more stores on the same database.
    var text: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.host = host.contains(":") ? "[\(host)]" : host
        components.port = port
        components.user = username
        components.password = password
        components.path = "/" + (database ?? "")
        var items: [URLQueryItem] = []
        if sslMode != .disable { items.append(URLQueryItem(name: "sslmode", value: sslMode.rawValue)) }
        if let sslRootCert { items.append(URLQueryItem(name: "sslrootcert", value: sslRootCert)) }
        if !items.isEmpty {
            // URLComponents leaves `&`, `=` and `+` alone in query values; they must be escaped
            // for a path holding them to survive a round trip.
            components.percentEncodedQueryItems = items.map {
                URLQueryItem(name: $0.name, value: $0.value.map(Self.queryValueEscaped))
            }
        }
        return components.string ?? "postgres://\(username)@\(host):\(port)/\(database ?? "")"
    }

    private static func queryValueEscaped(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Where the store connects, for messages (never with the password).
    var endpoint: String { "\(host):\(port)/\(database ?? username) as \(username)" }

    /// `text` with any password replaced, safe for error messages and logs.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://")?.upperBound,
            schemeEnd <= at, let colon = text[schemeEnd..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
