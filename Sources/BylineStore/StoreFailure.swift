import GRDB

/// Whether `error` means the database cannot be reached or did not answer in time (try again
/// later: 503), rather than a fault in the request or in Byline (500).
public func isStoreUnavailable(_ error: any Error) -> Bool {
    switch error {
    case let error as PostgresStoreError:
        switch error {
        case .cannotConnect, .timedOut, .notRunning: return true
        case .invalidURL, .server, .conflict: return false
        }
    case let error as DatabaseError:
        return [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_IOERR].contains(
            error.resultCode.primaryResultCode)
    default:
        return false
    }
}
