import BylineMail
import Foundation
import Testing

/// Messages per second for a 20 KB newsletter, over one connection and over four; run by
/// `scripts/bench-smtp` (BYLINE_BENCH_SMTP=1), against aiosmtpd or the server in
/// BYLINE_BENCH_SMTP_URL (e.g. Postfix's smtp-sink).
@Suite struct SMTPThroughputTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = Int(environment["BYLINE_BENCH_SMTP_COUNT"] ?? "") ?? 2000

    @Test(.enabled(if: environment["BYLINE_BENCH_SMTP"] != nil, "a benchmark: scripts/bench-smtp runs it"))
    func messagesPerSecond() async throws {
        var options = SMTPTestServer.Options()
        options.pipelining = true
        let server = Self.environment["BYLINE_BENCH_SMTP_URL"] == nil ? try SMTPTestServer.start(options) : nil
        defer { server?.stop() }
        let url = Self.environment["BYLINE_BENCH_SMTP_URL"] ?? "smtp://127.0.0.1:\(server!.port)?tls=none"
        let configuration = try SMTPConfiguration(url: url)

        let paragraph = "Grüße aus Köln. The prime minister said on Sunday that the talks would go on. "
        let html = "<html><body>" + String(repeating: "<p>\(paragraph)</p>\n", count: 125) + "</body></html>"
        let text = String(repeating: paragraph + "\n", count: 60)
        let body = MailBody(text: text, html: html)
        let messages = try (0..<Self.count).map { index in
            try TestMail.message(to: "member\(index)@example.org", id: "post-1.member-\(index)@s.example", body: body)
                .rendered()
        }
        print("SMTP bench: message size \(messages[0].byteCount) bytes, \(Self.count) messages, server \(url)")

        let client = try await SMTPClient.connect(configuration)
        var start = ContinuousClock.now
        for message in messages { _ = try await client.send(message) }
        let single = ContinuousClock.now - start
        await client.close()
        print("SMTP bench: 1 connection: \(Self.rate(single)) messages/s")

        let pool = SMTPConnectionPool(configuration: configuration, maxConnections: 4)
        start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            // At most 16 sends at once share the 4 connections.
            var inFlight = 0
            for message in messages {
                if inFlight >= 16 {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask { _ = try await pool.send(message) }
                inFlight += 1
            }
            try await group.waitForAll()
        }
        let pooled = ContinuousClock.now - start
        await pool.close()
        print("SMTP bench: 4 connections: \(Self.rate(pooled)) messages/s")
        if let server { #expect(try server.received().count == 2 * Self.count) }
    }

    private static func rate(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.0f (%.2f s)", Double(count) / seconds, seconds)
    }
}
