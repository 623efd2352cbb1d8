import BylineTestSupport
import Foundation
import Logging
import Testing

@testable import BylineStore

/// TLS to PostgreSQL: libpq's `sslmode` and `sslrootcert` in the URL, and real connections to the
/// test server (scripts/pg-test-server turns TLS on with a throwaway CA, `BYLINE_TEST_POSTGRES_CA`).
@Suite struct PostgresTLSTests {
    static let base = "postgres://byline:s3cret@db.example:6543/site"

    // MARK: URLs

    @Test func everySSLModeParses() throws {
        let cases: [(query: String, mode: PostgresURL.SSLMode, rootCert: String?)] = [
            ("", .disable, nil),
            ("?sslmode=disable", .disable, nil),
            ("?sslmode=prefer", .prefer, nil),
            ("?sslmode=require", .require, nil),
            ("?sslmode=require&sslrootcert=/etc/ca.crt", .require, "/etc/ca.crt"),
            ("?sslmode=verify-ca&sslrootcert=/etc/ca.crt", .verifyCA, "/etc/ca.crt"),
            ("?sslrootcert=/etc/db%20ca.crt&sslmode=verify-full", .verifyFull, "/etc/db ca.crt"),
        ]
        for (query, mode, rootCert) in cases {
            let url = try PostgresURL(parsing: Self.base + query)
            #expect(url.sslMode == mode, "\(query)")
            #expect(url.sslRootCert == rootCert, "\(query)")
            #expect(url.host == "db.example" && url.port == 6543 && url.database == "site", "\(query)")
        }
    }

    @Test func badTLSParametersAreRefusedWithTheReason() throws {
        let cases: [(query: String, reason: String)] = [
            ("?sslmode=allow", "sslmode=allow (plain first, TLS only if refused) is not supported"),
            ("?sslmode=verify", "unknown sslmode=verify (expected one of disable, prefer, require, verify-ca"),
            ("?sslmode=", "unknown sslmode="),
            ("?sslmode=verify-ca", "sslmode=verify-ca needs sslrootcert=PATH"),
            ("?sslmode=verify-full", "sslmode=verify-full needs sslrootcert=PATH"),
            ("?sslmode=verify-full&sslrootcert=", "sslrootcert needs the path"),
            ("?sslmode=require&sslmode=disable", "sslmode is given twice"),
            ("?sslmode=require&sslcert=/etc/client.crt", "unsupported parameter sslcert"),
            ("?sslmode=require&pool=3", "unsupported parameter pool"),
        ]
        for (query, reason) in cases {
            let error = #expect(throws: PostgresStoreError.self) { try PostgresURL(parsing: Self.base + query) }
            guard case .invalidURL(let message) = error else {
                Issue.record("\(query): expected invalidURL, got \(String(describing: error))")
                continue
            }
            #expect(message.contains(reason), "\(query): \(message)")
            #expect(!message.contains("s3cret"), "\(query): \(message)")
        }
    }

    @Test func unusableRootCertificateFilesAreNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notPEM = folder + "/not-a-certificate.crt"
        try "just words\n".write(toFile: notPEM, atomically: true, encoding: .utf8)
        let empty = folder + "/empty.crt"
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        let cases: [(path: String, reason: String)] = [
            (folder + "/missing.crt", "cannot be read: no such file"),
            (folder, "cannot be read: it is a folder"),
            (notPEM, "holds no PEM certificate"),
            (empty, "holds no PEM certificate"),
        ]
        for mode in ["require", "verify-ca", "verify-full"] {
            for (path, reason) in cases {
                let url = try PostgresURL(parsing: Self.base + "?sslmode=\(mode)&sslrootcert=\(path)")
                let error = #expect(throws: PostgresStoreError.self) { try url.connectionTLS() }
                let message = error.map { "\($0)" } ?? "no error"
                #expect(message.contains("sslrootcert \"\(path)\" \(reason)"), "\(message)")
                #expect(throws: PostgresStoreError.self) { try url.clientTLS() }
            }
        }
        // A readable PEM file is loaded; without TLS it is not even read.
        let ca = try makeCertificateAuthority(in: folder)
        let url = try PostgresURL(parsing: Self.base + "?sslmode=verify-full&sslrootcert=\(ca)")
        #expect(try url.connectionTLS().isEnforced)
        let plain = try PostgresURL(parsing: Self.base + "?sslmode=disable&sslrootcert=\(folder)/missing.crt")
        #expect(try plain.connectionTLS().isAllowed == false)
    }

    @Test func eachModeConfiguresItsVerification() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ca = try makeCertificateAuthority(in: folder)
        // NIOSSL's CertificateVerification case; the test target does not import NIOSSL.
        let cases: [(query: String, verification: String?, allowed: Bool, enforced: Bool)] = [
            ("?sslmode=disable", nil, false, false),
            ("?sslmode=prefer", "none", true, false),
            ("?sslmode=require", "none", true, true),
            // As with libpq, a given CA file is used by require too (the chain, not the host).
            ("?sslmode=require&sslrootcert=\(ca)", "noHostnameVerification", true, true),
            ("?sslmode=verify-ca&sslrootcert=\(ca)", "noHostnameVerification", true, true),
            ("?sslmode=verify-full&sslrootcert=\(ca)", "fullVerification", true, true),
        ]
        for (query, verification, allowed, enforced) in cases {
            let url = try PostgresURL(parsing: Self.base + query)
            let configuration = try url.tlsConfiguration()
            // `.none` shows as `none(NoneOptions(...))`.
            let shown = configuration.map { "\($0.certificateVerification)" }
            #expect(verification.map { shown?.hasPrefix($0) == true } ?? (shown == nil), "\(query): \(shown ?? "nil")")
            let tls = try url.connectionTLS()
            #expect(tls.isAllowed == allowed && tls.isEnforced == enforced, "\(query)")
            let roots = configuration.map { "\(String(describing: $0.trustRoots))" } ?? ""
            #expect(roots.contains("certificates") == query.contains("sslrootcert"), "\(query): \(roots)")
        }
    }

    @Test func textKeepsTheTLSParameters() throws {
        let original = try PostgresURL(
            parsing: "postgresql://us%40er:p%3Aw@db.example:6543/site?sslmode=verify-full"
                + "&sslrootcert=/etc/by%20line/ca%26more=%2B.crt")
        #expect(original.sslRootCert == "/etc/by line/ca&more=+.crt")
        #expect(try PostgresURL(parsing: original.text) == original)
        let other = original.with(database: "other_site")
        let reparsed = try PostgresURL(parsing: other.text)
        #expect(reparsed == other)
        #expect(reparsed.sslMode == .verifyFull && reparsed.sslRootCert == original.sslRootCert)
        #expect(reparsed.database == "other_site")
        for mode in PostgresURL.SSLMode.allCases {
            let url = PostgresURL(host: "::1", username: "byline", sslMode: mode, sslRootCert: "/ca.crt")
            #expect(try PostgresURL(parsing: url.text) == url, "\(url.text)")
        }
        // No TLS, no parameters: the text is what it always was.
        #expect(PostgresURL(host: "db", username: "byline", database: "site").text == "postgres://byline@db:5432/site")
        #expect(original.endpoint == "db.example:6543/site as us@er")
    }

    @Test func redactionHidesThePasswordAndKeepsTheTLSParameters() throws {
        let text = "postgres://byline:s3cret@db.example/site?sslmode=verify-full&sslrootcert=/etc/byline/db-ca.crt"
        let shown = PostgresURL.redacted(text)
        #expect(shown == "postgres://byline:***@db.example/site?sslmode=verify-full&sslrootcert=/etc/byline/db-ca.crt")
        let url = try PostgresURL(parsing: text)
        #expect(PostgresURL.redacted(url.text).contains("s3cret") == false)
        #expect(PostgresURL.redacted(url.text).contains("sslmode=verify-full"))
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresURL(parsing: "postgres://byline:s3cret@db.example/site?sslmode=verify-ca")
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("byline:***@db.example") && !message.contains("s3cret"), "\(message)")
    }

    // MARK: Live, against the test server

    @Test func requireIsEncrypted() async throws {
        let url = try liveURL(query: "?sslmode=require")
        #expect(try await url.connectionIsEncrypted(logger: Self.logger))
    }

    @Test func preferIsEncryptedWhenTheServerOffersTLS() async throws {
        let url = try liveURL(query: "?sslmode=prefer")
        #expect(try await url.connectionIsEncrypted(logger: Self.logger))
    }

    @Test func disableIsPlain() async throws {
        for query in ["", "?sslmode=disable"] {
            let url = try liveURL(query: query)
            #expect(try await url.connectionIsEncrypted(logger: Self.logger) == false, "\(query)")
        }
    }

    @Test func verifyFullWithTheRightCAIsEncrypted() async throws {
        let ca = try testCA()
        // The server's certificate names both: the IP address (an IP SAN) and the DNS name.
        for host in ["127.0.0.1", "localhost"] {
            for mode in ["verify-full", "verify-ca"] {
                let url = try liveURL(query: "?sslmode=\(mode)&sslrootcert=\(ca)", host: host)
                #expect(try await url.connectionIsEncrypted(logger: Self.logger), "\(host) \(mode)")
            }
        }
    }

    @Test func aWrongCAIsRefusedAsUnverified() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let otherCA = try makeCertificateAuthority(in: folder)
        for mode in ["verify-full", "verify-ca", "require"] {
            let url = try liveURL(query: "?sslmode=\(mode)&sslrootcert=\(otherCA)")
            let error = await #expect(throws: PostgresStoreError.self) {
                try await url.connectionIsEncrypted(logger: Self.logger)
            }
            guard case .cannotConnect(let reason) = error else {
                Issue.record("\(mode): expected cannotConnect, got \(String(describing: error))")
                continue
            }
            #expect(reason.contains("certificate could not be verified"), "\(mode): \(reason)")
            #expect(reason.contains(otherCA), "\(mode): \(reason)")
            #expect(reason.contains(url.endpoint), "\(mode): \(reason)")
        }
    }

    @Test func databasesAreCreatedOverVerifiedTLS() async throws {
        let url = try liveURL(query: "?sslmode=verify-full&sslrootcert=\(try testCA())")
        let name = "byline_tls_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let created = try await PostgresDatabases.create(name, onServer: url.text)
        do {
            let database = try PostgresURL(parsing: created)
            #expect(database == url.with(database: name))
            #expect(try await database.connectionIsEncrypted(logger: Self.logger))
        } catch {
            try? await PostgresDatabases.drop(name, onServer: url.text)
            throw error
        }
        try await PostgresDatabases.drop(name, onServer: url.text)
    }

    // MARK: Helpers

    static let logger: Logger = {
        var logger = Logger(label: "byline.test.postgres.tls")
        logger.logLevel = .warning
        return logger
    }()

    /// The test server's URL with another query (and host), e.g. `?sslmode=require`.
    func liveURL(query: String, host: String? = nil) throws -> PostgresURL {
        var server = try PostgresURL(parsing: try serverURL())
        if let host { server.host = host }
        return try PostgresURL(parsing: server.text + query)
    }

    /// The test server's CA certificate file, or the failure that explains how to get it.
    func testCA() throws -> String {
        guard let path = ProcessInfo.processInfo.environment[Self.caVariable], !path.isEmpty else {
            throw TLSTestError.caNotSet
        }
        return path
    }

    static let caVariable = "BYLINE_TEST_POSTGRES_CA"

    enum TLSTestError: Error, CustomStringConvertible {
        case caNotSet
        case openssl(String)

        var description: String {
            switch self {
            case .caNotSet:
                "PostgreSQL TLS tests need the test server's CA: set \(PostgresTLSTests.caVariable) to DIR/ca.crt of "
                    + "`scripts/pg-test-server start DIR PORT` (scripts/test does)"
            case .openssl(let output): "openssl failed: \(output)"
            }
        }
    }

    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-tls-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A new self-signed CA certificate (unrelated to the test server's) in `folder`; its path.
    func makeCertificateAuthority(in folder: String) throws -> String {
        let certificate = folder + "/other-ca.crt"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=Unrelated test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-keyout", folder + "/other-ca.key", "-out", certificate,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TLSTestError.openssl(text) }
        return certificate
    }
}
