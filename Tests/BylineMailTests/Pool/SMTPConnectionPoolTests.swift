import BylineMail
import Foundation
import Testing

@Suite struct SMTPConnectionPoolTests {
    @Test func boundsAndReusesConnections() async throws {
        var options = SMTPTestServer.Options()
        options.pipelining = true
        try await SMTPTestServer.with(options) { server in
            let pool = SMTPConnectionPool(
                configuration: try TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server),
                maxConnections: 3)
            let body = MailBody(text: TestMail.text, html: TestMail.html)
            let messages = try (0..<60).map { try TestMail.message(to: "m\($0)@example.org", body: body).rendered() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for message in messages {
                    group.addTask { _ = try await pool.send(message) }
                }
                try await group.waitForAll()
            }
            await pool.close()
            let received = try server.received()
            #expect(received.count == 60)
            let connections = Set(received.map(\.meta.peer)).count
            #expect(connections >= 1 && connections <= 3, "\(connections) connections for 60 messages")
            #expect(Set(received.flatMap(\.meta.rcptTos)).count == 60)
        }
    }

    @Test func reconnectsAfterTheServerWentAway() async throws {
        let first = try await SMTPTestServer.started()
        let port = first.port
        let pool = SMTPConnectionPool(
            configuration: try TestMail.configuration("smtp://127.0.0.1:\(port)?tls=none", server: first),
            maxConnections: 1)
        _ = try await pool.send(TestMail.message(to: "before@example.org"))
        #expect(try first.received().count == 1)
        await first.stopped()

        // The pooled connection is now dead; a new server on the same port takes the next message.
        var options = SMTPTestServer.Options()
        options.port = port
        try await SMTPTestServer.with(options) { second in
            let delivery = try await pool.send(TestMail.message(to: "after@example.org"))
            #expect(delivery.acceptedRecipients == ["after@example.org"])
            #expect(try second.received().map(\.meta.rcptTos) == [["after@example.org"]])
            await pool.close()
        }
    }

    @Test func refusedMessagesDoNotCostAConnection() async throws {
        try await SMTPTestServer.with { server in
            let pool = SMTPConnectionPool(
                configuration: try TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server),
                maxConnections: 1)
            for index in 0..<6 {
                let address = index.isMultiple(of: 2) ? "reject\(index)@example.org" : "ok\(index)@example.org"
                do {
                    _ = try await pool.send(TestMail.message(to: address))
                } catch let error as SMTPError {
                    #expect(error.kind == .permanent)
                }
            }
            await pool.close()
            let received = try server.received()
            #expect(received.count == 3)
            #expect(Set(received.map(\.meta.peer)).count == 1)
        }
    }
}
