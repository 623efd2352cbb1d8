import Foundation
import Testing

@testable import BylineWeb

/// The per-address comment limit: only accepted comments count, and the address is the one a
/// trusted proxy reports.
@Suite struct CommentClientLimiterTests {
    @Test func onlyRecordedCommentsCount() {
        let limiter = CommentClientLimiter(limit: 2, window: 60)
        let now = Date(timeIntervalSince1970: 1_000_000)
        // Checks alone (refused posts) use up nothing.
        for _ in 0..<10 { #expect(limiter.allows("203.0.113.9", now: now)) }
        limiter.record("203.0.113.9", now: now)
        limiter.record("203.0.113.9", now: now)
        #expect(!limiter.allows("203.0.113.9", now: now))
        #expect(limiter.allows("203.0.113.10", now: now))
        #expect(limiter.allows("203.0.113.9", now: now.addingTimeInterval(61)))
    }

    @Test func aTrustedProxyNamesTheClient() {
        // Behind nginx: the last X-Forwarded-For entry, the one nginx appended.
        #expect(
            CommentClientLimiter.clientAddress(
                peer: "10.0.0.5", forwardedFor: "1.2.3.4, 198.51.100.7", realIP: nil) == "198.51.100.7")
        #expect(
            CommentClientLimiter.clientAddress(peer: "127.0.0.1", forwardedFor: nil, realIP: "198.51.100.8")
                == "198.51.100.8")
        #expect(CommentClientLimiter.clientAddress(peer: "::1", forwardedFor: "", realIP: nil) == "::1")
        #expect(
            CommentClientLimiter.clientAddress(peer: "::ffff:192.168.1.2", forwardedFor: "198.51.100.9", realIP: nil)
                == "198.51.100.9")
        // A client on the internet cannot name another address.
        #expect(
            CommentClientLimiter.clientAddress(peer: "203.0.113.9", forwardedFor: "198.51.100.7", realIP: "1.1.1.1")
                == "203.0.113.9")
        #expect(!CommentClientLimiter.isTrustedProxy("172.32.0.1"))
        #expect(CommentClientLimiter.isTrustedProxy("172.31.0.1"))
        #expect(CommentClientLimiter.isTrustedProxy("fd00::1"))
        #expect(!CommentClientLimiter.isTrustedProxy("2001:db8::1"))
    }
}
