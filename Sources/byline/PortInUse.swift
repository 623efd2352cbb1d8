import Foundation
import NIOCore

/// Recognises "address already in use" from NIO's bind, so `serve` can say it in words.
enum PortInUse {
    static func matches(_ error: any Error) -> Bool {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE { return true }
        return "\(error)".contains("errno: \(EADDRINUSE)") || "\(error)".contains("Address already in use")
    }
}
