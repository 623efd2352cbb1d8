import Foundation
import Synchronization

/// How many comments one client address may post per window on this node, in memory: a
/// second line behind the per-member limit the store keeps across nodes, against one address
/// working through many accounts. Forgets addresses whose window has passed.
final class CommentClientLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let attempts = Mutex<[String: [Date]]>([:])

    init(limit: Int = 20, window: TimeInterval = 10 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Whether `client` may post at `now`: false when the address has used its limit. Notes
    /// nothing; ``record(_:now:)`` counts a comment once it was accepted, so refused posts (bad
    /// text, a banned member) do not use up the address's limit.
    func allows(_ client: String, now: Date) -> Bool {
        let since = now.addingTimeInterval(-window)
        return attempts.withLock { attempts in
            (attempts[client] ?? []).filter { $0 > since }.count < limit
        }
    }

    /// Counts an accepted comment from `client` at `now`.
    func record(_ client: String, now: Date) {
        let since = now.addingTimeInterval(-window)
        attempts.withLock { attempts in
            if attempts.count > 10_000 { attempts = attempts.filter { $0.value.contains { $0 > since } } }
            var recent = (attempts[client] ?? []).filter { $0 > since }
            recent.append(now)
            attempts[client] = recent
        }
    }

    /// The address a comment counts against: the socket peer, or, when the peer is a trusted
    /// proxy (``isTrustedProxy(_:)``), the client the proxy reports: the last `X-Forwarded-For`
    /// entry (the one the proxy itself appended, as nginx's `$proxy_add_x_forwarded_for` does;
    /// entries before it are whatever the client sent), else `X-Real-IP`.
    static func clientAddress(peer: String, forwardedFor: String?, realIP: String?) -> String {
        guard isTrustedProxy(peer) else { return peer }
        if let last = forwardedFor?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        if let real = realIP?.trimmingCharacters(in: .whitespaces), !real.isEmpty { return real }
        return peer
    }

    /// A proxy's headers are believed from loopback and private-network peers (10/8,
    /// 172.16/12, 192.168/16, IPv6 unique-local fc00::/7), where the shipped nginx
    /// (`deploy/nginx-byline.conf`) reaches the nodes; a node must not be reachable from the
    /// internet except through the proxy, or a client could name any address.
    static func isTrustedProxy(_ address: String) -> Bool {
        var address = address.lowercased()
        if address.hasPrefix("::ffff:") { address.removeFirst(7) }
        if address == "::1" || address.hasPrefix("fc") || address.hasPrefix("fd") { return address.contains(":") }
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168): return true
        case (172, 16...31): return true
        default: return false
        }
    }
}
