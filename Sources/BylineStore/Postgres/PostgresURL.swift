import Foundation

/// A parsed `postgres://user:password@host:port/database` URL (also `postgresql://`).
/// TLS is not supported, so `sslmode=disable` is the only parameter accepted.
struct PostgresURL: Sendable, Equatable {
    var host: String
    var port: Int
    var username: String
    var password: String?
    /// nil: the server's default (the user's name).
    var database: String?

    static let schemes: Set<String> = ["postgres", "postgresql"]

    init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
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
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"): continue
            case ("sslmode", let mode): throw invalid("sslmode=\(mode ?? "") needs TLS, which is not supported")
            default: throw invalid("unsupported parameter \(item.name)")
            }
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw invalid("the path must be just the database name") }
        self.init(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: components.port ?? 5432,
            username: user, password: components.password, database: path.isEmpty ? nil : path)
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
        return components.string ?? "postgres://\(username)@\(host):\(port)/\(database ?? "")"
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
