import BylineCore
import BylineStore
import Hummingbird
import NIOCore

/// What every routed request carries past the anonymous cache fast path: who is asking (a
/// signed-in staff member, through a session cookie or an API token), the session's CSRF token,
/// and the client's address for rate limits; under `/members/`, the signed-in member's session.
public struct BylineRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The staff member this request acts for, once ``StaffAuthMiddleware`` has found one.
    public var staff: StaffUser?
    /// The browser session, when the request came with a valid session cookie.
    public var staffSession: StaffSession?
    /// The reader's member session under `/members/`, once ``MemberSessionMiddleware`` found one.
    public var memberSession: MemberSession?
    /// True when an API token (not a browser session) authenticated the request: no CSRF check.
    public var viaAPIToken = false
    /// The peer, kept as NIO gives it: formatting it as text costs time every anonymous page
    /// view would pay, and only sign-in and `/metrics` read it.
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address, for per-address sign-in throttling and `/metrics`.
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// Form posts and JSON bodies are small: a whole article's Markdown fits many times over.
    public var maxUploadSize: Int { 2 << 20 }

    /// The request id the logs carry, shown in error messages so a report can be matched.
    public var requestID: String { logger[metadataKey: "hb.request.id"]?.description ?? "-" }

    /// The CSRF token forms must send back, when signed in with a browser.
    public var csrfToken: String? { staffSession?.csrfToken }
}
