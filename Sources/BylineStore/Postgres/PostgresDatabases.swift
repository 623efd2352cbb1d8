import Logging
import PostgresNIO

/// Creating and dropping whole databases on a server: for provisioning a site, and for tests
/// that give each case a database of its own.
public enum PostgresDatabases {
    /// Creates the database `name` (lowercase letters, digits and `_`) on the server `serverURL`
    /// points to, connecting to that URL's database; returns the URL of the new database.
    public static func create(_ name: String, onServer serverURL: String) async throws -> String {
        let server = try PostgresURL(parsing: serverURL)
        try checkName(name)
        try await withConnection(to: server) { session in
            try await session.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""))
        }
        return server.with(database: name).text
    }

    /// Drops the database `name` if it exists, closing connections still open to it.
    public static func drop(_ name: String, onServer serverURL: String) async throws {
        let server = try PostgresURL(parsing: serverURL)
        try checkName(name)
        try await withConnection(to: server) { session in
            try await session.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"))
        }
    }

    /// Names go into SQL as identifiers, which cannot be bound: allow only a safe alphabet.
    static func checkName(_ name: String) throws {
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        guard allowed, let first = name.first, !first.isNumber, name.count <= 63 else {
            throw StoreError.invalidInput("\"\(name)\" is not a database name (a-z, 0-9, _; at most 63)")
        }
    }

    private static func withConnection(
        to server: PostgresURL, _ body: (PostgresSession) async throws -> Void
    ) async throws {
        let logger = Logger(label: "byline.postgres.admin")
        // With the URL's TLS (sslmode, sslrootcert); failures already translated.
        let connection = try await server.connect(logger: logger)
        do {
            try await body(PostgresSession(connection: connection, logger: logger))
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresErrors.translate(error, endpoint: server.endpoint)
        }
    }
}
