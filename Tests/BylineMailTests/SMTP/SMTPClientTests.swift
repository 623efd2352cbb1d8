import BylineMail
import Foundation
import Testing

/// Against a real SMTP server (aiosmtpd), over real sockets.
@Suite struct SMTPClientTests {
    @Test func sendsExactlyTheRenderedBytes() async throws {
        try await SMTPTestServer.with { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server))
            let message = try TestMail.message(id: "post-1.member-1@scoophub.example")
            let delivery = try await client.send(message)
            await client.close()
            #expect(delivery.acceptedRecipients == ["reader@example.org"])
            #expect(delivery.reply.code == 250)

            let received = try server.received()
            try #require(received.count == 1)
            let rendered = message.rendered()
            #expect(received[0].bytes == TestMail.unstuffed(rendered))
            #expect(received[0].meta.mailFrom == "news@scoophub.example")
            #expect(received[0].meta.rcptTos == ["reader@example.org"])
            #expect(received[0].meta.tls == false)

            let mail = ParsedMail(received[0].text)
            #expect(mail.decoded("From") == "Scoop Hub — Nachrichten <news@scoophub.example>")
            #expect(mail.decoded("Subject") == "Ünïcode subject: Putin must face consequences")
            #expect(mail.headers["message-id"] == "<post-1.member-1@scoophub.example>")
            #expect(mail.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
            #expect(mail.part("text/plain")?.text == TestMail.crlf(TestMail.text))
            #expect(mail.part("text/html")?.text == TestMail.crlf(TestMail.html))
            // The line starting with "." arrived intact: it was dot-stuffed on the wire.
            #expect(received[0].text.contains("\r\n.this line starts with a dot\r\n"))
            #expect(received[0].text.contains("\r\n..and this one with two\r\n"))
        }
    }

    @Test func startTLSThenAuthPlain() async throws {
        var options = SMTPTestServer.Options()
        options.startTLS = true
        options.auth = "newsroom:s3cret pass"
        options.authRequireTLS = true
        try await SMTPTestServer.with(options) { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration(
                    "smtp://newsroom:s3cret%20pass@127.0.0.1:\(server.port)?starttls=required", server: server))
            #expect(await client.isEncrypted)
            _ = try await client.send(TestMail.message())
            await client.close()
            let received = try server.received()
            try #require(received.count == 1)
            #expect(received[0].meta.tls)
            #expect(received[0].meta.login == "newsroom")
        }
    }

    @Test func implicitTLS() async throws {
        var options = SMTPTestServer.Options()
        options.implicitTLS = true
        try await SMTPTestServer.with(options) { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtps://127.0.0.1:\(server.port)", server: server))
            _ = try await client.send(TestMail.message())
            await client.close()
            #expect(try server.received().count == 1)
        }
    }

    @Test func authLogin() async throws {
        var options = SMTPTestServer.Options()
        options.auth = "editor:pa55"
        try await SMTPTestServer.with(options) { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration(
                    "smtp://editor:pa55@127.0.0.1:\(server.port)?tls=none&auth=login", server: server))
            _ = try await client.send(TestMail.message())
            await client.close()
            #expect(try server.received().first?.meta.login == "editor")
        }
    }

    @Test func wrongPasswordIsAConfigurationError() async throws {
        var options = SMTPTestServer.Options()
        options.auth = "editor:pa55"
        try await SMTPTestServer.with(options) { server in
            let configuration = try TestMail.configuration(
                "smtp://editor:wrong@127.0.0.1:\(server.port)?tls=none", server: server)
            do {
                _ = try await SMTPClient.connect(configuration)
                Issue.record("connected with a wrong password")
            } catch let error as SMTPError {
                guard case .authenticationFailed(let reply) = error else {
                    Issue.record("expected authenticationFailed, got \(error)")
                    return
                }
                #expect(reply.code == 535)
                #expect(error.kind == .configuration)
            }
        }
    }

    @Test func passwordIsNeverSentInTheClear() async throws {
        var options = SMTPTestServer.Options()
        options.auth = "editor:pa55"
        try await SMTPTestServer.with(options) { server in
            // smtp:// without tls=none: the server offers no STARTTLS, so no AUTH.
            await #expect(throws: SMTPError.credentialsNeedTLS(host: "127.0.0.1")) {
                _ = try await SMTPClient.connect(
                    TestMail.configuration("smtp://editor:pa55@127.0.0.1:\(server.port)", server: server))
            }
            await #expect(throws: SMTPError.startTLSNotOffered(host: "127.0.0.1")) {
                _ = try await SMTPClient.connect(
                    TestMail.configuration("smtp://127.0.0.1:\(server.port)?starttls=required", server: server))
            }
        }
    }

    @Test func permanentRecipientRefusalLeavesTheConnectionUsable() async throws {
        try await SMTPTestServer.with { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server))
            do {
                _ = try await client.send(TestMail.message(to: "reject-me@example.org"))
                Issue.record("a refused recipient was reported as sent")
            } catch let error as SMTPError {
                #expect(error.kind == .permanent)
                guard case .recipientsRejected(let rejections) = error else {
                    Issue.record("expected recipientsRejected, got \(error)")
                    return
                }
                #expect(rejections.map(\.recipient) == ["reject-me@example.org"])
                #expect(rejections.first?.reply.code == 550)
            }
            #expect(await client.isUsable)
            let delivery = try await client.send(TestMail.message(to: "fine@example.org"))
            #expect(delivery.acceptedRecipients == ["fine@example.org"])
            await client.close()
            let received = try server.received()
            #expect(received.map(\.meta.rcptTos) == [["fine@example.org"]])
        }
    }

    @Test func temporaryRecipientRefusalIsTemporary() async throws {
        try await SMTPTestServer.with { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server))
            await #expect {
                _ = try await client.send(TestMail.message(to: "later@example.org"))
            } throws: { error in
                (error as? SMTPError)?.kind == .temporary && (error as? SMTPError)?.mayHaveBeenDelivered == false
            }
            #expect(await client.isUsable)
            _ = try await client.send(TestMail.message(to: "now@example.org"))
            await client.close()
            #expect(try server.received().count == 1)
        }
    }

    @Test func someRecipientsRefusedOthersDelivered() async throws {
        try await SMTPTestServer.with { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server))
            let message = try MailMessage(
                from: TestMail.from,
                to: [MailAddress("a@example.org"), MailAddress("reject@example.org"), MailAddress("b@example.org")],
                subject: "Three", messageID: .generated(domain: "scoophub.example"), text: "Hello")
            let delivery = try await client.send(message)
            await client.close()
            #expect(delivery.acceptedRecipients == ["a@example.org", "b@example.org"])
            #expect(delivery.rejectedRecipients.map(\.recipient) == ["reject@example.org"])
            #expect(try server.received().first?.meta.rcptTos == ["a@example.org", "b@example.org"])
        }
    }

    @Test(arguments: [false, true]) func reusesOneConnectionAndPipelinesWhenOffered(pipelining: Bool) async throws {
        var options = SMTPTestServer.Options()
        options.pipelining = pipelining
        try await SMTPTestServer.with(options) { server in
            let client = try await SMTPClient.connect(
                TestMail.configuration("smtp://127.0.0.1:\(server.port)?tls=none", server: server))
            #expect(await client.capabilities.pipelining == pipelining)
            let body = MailBody(text: TestMail.text, html: TestMail.html)
            for index in 0..<25 {
                // A refused one in the middle: the next message starts with RSET.
                let address = index == 10 ? "reject@example.org" : "member\(index)@example.org"
                _ = try? await client.send(TestMail.message(to: address, body: body))
            }
            #expect(await client.messagesSent == 24)
            await client.close()
            let received = try server.received()
            #expect(received.count == 24)
            #expect(Set(received.map(\.meta.peer)).count == 1, "one connection for every message")
            if pipelining {
                #expect(received.allSatisfy { $0.meta.pipelinedMessages > 0 }, "RCPT came with MAIL")
                #expect(received.last?.meta.pipelinedMessages == 25)
            } else {
                #expect(received.allSatisfy { $0.meta.pipelinedMessages == 0 })
            }
        }
    }

    @Test func connectionRefusedIsTemporaryAndNamesTheServer() async throws {
        // A port nothing listens on: start a server, note its port, stop it.
        let server = try await SMTPTestServer.started()
        let port = server.port
        await server.stopped()
        do {
            _ = try await SMTPClient.connect(SMTPConfiguration(url: "smtp://127.0.0.1:\(port)?tls=none"))
            Issue.record("connected to a stopped server")
        } catch let error as SMTPError {
            #expect(error.kind == .temporary)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }
}
