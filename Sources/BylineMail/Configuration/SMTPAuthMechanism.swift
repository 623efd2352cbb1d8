/// The SASL mechanisms the client speaks; both send the password itself, which is why the client
/// only uses them over TLS unless the URL says `tls=none`.
public enum SMTPAuthMechanism: String, Sendable, Equatable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
}
