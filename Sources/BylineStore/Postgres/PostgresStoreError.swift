/// Why the PostgreSQL store cannot do what was asked, in words an operator can act on.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    /// The database URL cannot be used; the reason names the part that is wrong.
    case invalidURL(String)
    /// The server cannot be reached or refused the login.
    case cannotConnect(String)
    /// The server refused a statement.
    case server(sqlState: String, message: String)
    /// Writes from other nodes kept conflicting with this one; it was tried this many times.
    case conflict(attempts: Int, sqlState: String, message: String)
    /// The store's connection pool is not running (``PostgresEngine/start()`` or `run()`).
    case notRunning
    /// A statement did not finish within the store's deadline; its connection was closed.
    case timedOut(String)

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid PostgreSQL URL: \(reason)"
        case .cannotConnect(let reason): "cannot connect to PostgreSQL: \(reason)"
        case .server(let state, let message): "PostgreSQL error \(state): \(message)"
        case .conflict(let attempts, let state, let message):
            "a write kept conflicting with concurrent writes (\(attempts) attempts, last: \(state) \(message))"
        case .notRunning: "the PostgreSQL store is not running: call start() or run it in a ServiceGroup"
        case .timedOut(let reason): "PostgreSQL did not answer: \(reason)"
        }
    }
}
