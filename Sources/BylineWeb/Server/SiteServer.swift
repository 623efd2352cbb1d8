import BylineCore
import BylineStore
import Hummingbird
import Logging

/// The public site as a Hummingbird application, ready to run under service lifecycle.
public struct SiteServer: Sendable {
    let pages: SitePages

    public init(store: any Store, theme: Theme, options: SiteOptions, clock: any WallClock = SystemClock()) {
        self.pages = SitePages(store: store, theme: theme, options: options, clock: clock)
    }

    /// The application; `run()`/`runService()` serves until SIGTERM or SIGINT, then drains and stops.
    public func application(
        host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: SiteResponder(pages: pages),
            configuration: .init(address: .hostname(host, port: port), serverName: "Byline"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
