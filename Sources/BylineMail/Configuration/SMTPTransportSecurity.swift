/// How a connection to the SMTP server is protected: the URL's scheme and `starttls`/`tls` query
/// items choose one, so a typo cannot silently downgrade to plain text.
public enum SMTPTransportSecurity: Sendable, Equatable {
    /// `smtps://`: TLS from the first byte (port 465).
    case implicitTLS
    /// `smtp://`: upgrade with STARTTLS when the server offers it, else stay in plain text
    /// (credentials are then refused rather than sent in the clear).
    case startTLSIfOffered
    /// `smtp://...?starttls=required`: refuse to send unless the server upgrades with STARTTLS.
    case startTLSRequired
    /// `smtp://...?tls=none`: never TLS; for local test servers and sinks on loopback.
    case none
}
