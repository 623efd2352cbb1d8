import BylineStore

/// Which failures mean "the database is away, try again shortly" (503 with Retry-After, which a
/// proxy may retry on another node) rather than a fault (500, which it must not).
enum StoreFailure {
    /// The store cannot be reached, refused for being busy, or did not answer within the
    /// request's deadline.
    static func isUnavailable(_ error: any Error) -> Bool {
        error is DeadlineExceeded || isStoreUnavailable(error)
    }
}
