import PostgresNIO
import _ConnectionPoolModule

/// Turns PostgresNIO's errors, whose descriptions are deliberately generic, into
/// ``PostgresStoreError``s that say what happened; and tells which failures are worth a retry.
enum PostgresErrors {
    /// unique_violation, serialization_failure, deadlock_detected: a concurrent writer got there
    /// first; the same transaction run again sees its result.
    static let transientStates: Set<String> = ["23505", "40001", "40P01"]

    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isTransient(_ error: any Error) -> Bool {
        sqlState(of: error).map(transientStates.contains) ?? false
    }

    static func translate(_ error: any Error, endpoint: String) -> any Error {
        if error is StoreError || error is PostgresStoreError || error is CancellationError { return error }
        if error is ConnectionPoolError {
            return PostgresStoreError.cannotConnect("\(endpoint): \(error)")
        }
        guard let error = error as? PSQLError else { return error }
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? "?"
            let message = [info[.message], info[.detail]].compactMap { $0 }.joined(separator: ": ")
            // 28xxx: authentication; 3D000: no such database. Both mean "cannot connect".
            if state.hasPrefix("28") || state == "3D000" {
                return PostgresStoreError.cannotConnect("\(endpoint): \(message)")
            }
            // query_canceled: the server's statement_timeout, the same deadline as the client's.
            if state == "57014" { return PostgresStoreError.timedOut(message) }
            return PostgresStoreError.server(sqlState: state, message: message)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
            let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return PostgresStoreError.cannotConnect("\(endpoint): \(reason)")
        default:
            return PostgresStoreError.server(sqlState: "client", message: "\(error.code)")
        }
    }
}
