import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// TLS for connections to the server, from the URL's `sslmode` and `sslrootcert` (libpq's meaning):
///
/// - `disable` (also no `sslmode`): no TLS.
/// - `prefer`: TLS when the server offers it, else plain; `require`: TLS or no connection. Neither
///   verifies the certificate, unless `sslrootcert` is given: then, as with libpq, its chain is
///   verified (any host name).
/// - `verify-ca`: TLS, the certificate chain verified against `sslrootcert`; any host name.
/// - `verify-full`: also the host: a DNS name of the certificate must match the URL's host, or
///   one of its IP addresses the address connected to.
extension PostgresURL {
    /// TLS for one `PostgresConnection` (`PostgresConnection.Configuration(..., tls:)`). Reads
    /// `sslrootcert` now: throws ``PostgresStoreError/invalidURL(_:)`` naming the file when it
    /// cannot be read or holds no PEM certificate.
    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        guard let configuration = try tlsConfiguration() else { return .disable }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw PostgresStoreError.invalidURL("cannot set up TLS for \(endpoint): \(error)")
        }
        return sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// The same for a pool (`PostgresClient.Configuration(..., tls:)`).
    func clientTLS() throws -> PostgresClient.Configuration.TLS {
        guard let configuration = try tlsConfiguration() else { return .disable }
        return sslMode == .prefer ? .prefer(configuration) : .require(configuration)
    }

    /// NIOSSL's client configuration for this URL; nil for `sslmode=disable`.
    func tlsConfiguration() throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return nil
        case .prefer, .require:
            configuration.certificateVerification = sslRootCert == nil ? .none : .noHostnameVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let sslRootCert {
            configuration.trustRoots = .certificates(try Self.rootCertificates(at: sslRootCert))
        }
        return configuration
    }

    /// The certificates of the PEM file `path`; throws naming the path when there are none.
    static func rootCertificates(at path: String) throws -> [NIOSSLCertificate] {
        func unusable(_ reason: String) -> PostgresStoreError {
            .invalidURL("sslrootcert \"\(path)\" \(reason)")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw unusable("cannot be read: no such file")
        }
        guard !isFolder.boolValue else { throw unusable("cannot be read: it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw unusable("cannot be read: permission denied")
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw unusable("holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        guard !certificates.isEmpty else { throw unusable("holds no PEM certificate (-----BEGIN CERTIFICATE-----)") }
        return certificates
    }

    /// One connection to this URL's database with its TLS, outside any pool: for administration,
    /// connection checks and tests. Connection failures come as ``PostgresStoreError``s (see
    /// ``connectionError(_:)``). The caller closes the connection.
    func connect(logger: Logger, id: Int = 0) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: try connectionTLS())
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        } catch {
            throw connectionError(error)
        }
    }

    /// Whether a new connection to this URL is encrypted, as the server sees it (`pg_stat_ssl`).
    func connectionIsEncrypted(logger: Logger) async throws -> Bool {
        let connection = try await connect(logger: logger)
        do {
            let ssl = try await PostgresSession(connection: connection, logger: logger).value(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
            try? await connection.close()
            return ssl == true
        } catch {
            try? await connection.close()
            throw PostgresErrors.translate(error, endpoint: endpoint)
        }
    }

    /// `PostgresErrors.translate`, which first says in words what went wrong with TLS: a server
    /// without TLS, a certificate that does not chain to `sslrootcert`, one for another host.
    func connectionError(_ error: any Error) -> any Error {
        let fail = { (reason: String) in PostgresStoreError.cannotConnect("\(endpoint): \(reason)") }
        guard let psql = error as? PSQLError else { return PostgresErrors.translate(error, endpoint: endpoint) }
        if psql.code == .sslUnsupported {
            return fail("the server does not accept TLS connections (sslmode=\(sslMode.rawValue))")
        }
        guard let underlying = psql.underlying else { return PostgresErrors.translate(error, endpoint: endpoint) }
        let detail = "\(underlying)"
        if let extra = underlying as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return fail(
                "the server's TLS certificate is not valid for the host \(host) (sslmode=verify-full): \(detail)")
        }
        if detail.contains("CERTIFICATE_VERIFY_FAILED") {
            let roots = sslRootCert.map { "the CA certificates in sslrootcert \"\($0)\"" } ?? "the trusted CAs"
            return fail("the server's TLS certificate could not be verified against \(roots): \(detail)")
        }
        if underlying is NIOSSLError || underlying is BoringSSLError {
            return fail("TLS handshake failed (sslmode=\(sslMode.rawValue)): \(detail)")
        }
        return PostgresErrors.translate(error, endpoint: endpoint)
    }
}
