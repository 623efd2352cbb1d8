/// What a caller should do about a failed send: the newsletter worker retries `temporary`,
/// stops mailing an address after `permanent`, and pauses sending on `configuration`.
public enum SMTPFailureKind: Sendable, Hashable {
    /// 4xx, a lost connection or a timeout: the same message may go through later.
    case temporary
    /// 5xx to this message or recipient (a hard bounce): sending it again will not help.
    case permanent
    /// The server or the settings refuse every message (no STARTTLS, bad credentials, ...).
    case configuration
}
