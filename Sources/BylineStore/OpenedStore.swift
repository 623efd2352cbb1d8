import ServiceLifecycle

/// A store ``StoreOpener`` opened, ready for queries, with what keeps it running.
public struct OpenedStore: Sendable {
    public let store: SiteStore
    /// Add this to the server's `ServiceGroup`: it keeps the store's connections open until the
    /// group shuts down, then closes them. nil when nothing needs to run (SQLite).
    public let service: (any Service)?
    private let closer: @Sendable () async -> Void

    public init(store: SiteStore, service: (any Service)?, close: @escaping @Sendable () async -> Void) {
        self.store = store
        self.service = service
        self.closer = close
    }

    /// Closes the store's connections; for commands that run without a `ServiceGroup`.
    /// Harmless to call more than once, or after the group has shut the store down.
    public func close() async {
        await closer()
    }
}
