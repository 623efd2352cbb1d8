import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an SMTP server, ready to send: ``connect(_:eventLoopGroup:logger:)`` greets,
/// upgrades with STARTTLS (or starts in TLS), and authenticates; ``send(_:)`` then sends one
/// message at a time, as many as wanted, and ``close()`` says QUIT.
///
/// All I/O runs on the connection's NIO event loop; this actor only orders the steps. When the
/// server offers PIPELINING, MAIL, RCPT and DATA go out in one write and their replies are read
/// together: one round trip instead of three or more per message.
///
/// A refused message (4xx or 5xx to MAIL, RCPT or DATA) throws and leaves the connection
/// usable; the next message starts with RSET. A lost connection, a timeout or a protocol
/// error closes it (``isUsable`` turns false).
public actor SMTPClient {
    public nonisolated let configuration: SMTPConfiguration
    /// What the server offered in its last EHLO reply (after STARTTLS: the one over TLS).
    public private(set) var capabilities: SMTPServerCapabilities
    /// Whether the connection runs over TLS (implicit or after STARTTLS).
    public private(set) var isEncrypted: Bool
    /// How many messages the server accepted on this connection.
    public private(set) var messagesSent = 0

    private let channel: Channel
    private let router: SMTPReplyRouter
    private let logger: Logger
    private var needsReset = false
    private var isBroken = false
    private var isSending = false
    private var isClosed = false

    /// Whether ``send(_:)`` can go ahead: not closed and the connection still open.
    public var isUsable: Bool { !isBroken && !isClosed && channel.isActive }

    private init(
        configuration: SMTPConfiguration, channel: Channel, router: SMTPReplyRouter, logger: Logger,
        capabilities: SMTPServerCapabilities, isEncrypted: Bool
    ) {
        self.configuration = configuration
        self.channel = channel
        self.router = router
        self.logger = logger
        self.capabilities = capabilities
        self.isEncrypted = isEncrypted
    }

    /// Opens a connection and gets it ready to send (greeting, EHLO, STARTTLS, AUTH).
    public static func connect(
        _ configuration: SMTPConfiguration, eventLoopGroup: EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "byline.mail.smtp")
    ) async throws(SMTPError) -> SMTPClient {
        let sslContext: NIOSSLContext?
        do {
            sslContext = configuration.security == .none ? nil : try NIOSSLContext(configuration: configuration.tls)
        } catch {
            throw .tlsFailed(reason: "the TLS settings are not usable: \(error)")
        }
        let router = SMTPReplyRouter()
        let implicitTLS = configuration.security == .implicitTLS
        let host = configuration.host
        let channel: Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(configuration.connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS, let sslContext {
                            try channel.pipeline.syncOperations.addHandler(
                                try Self.tlsHandler(context: sslContext, host: host))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try channel.pipeline.syncOperations.addHandler(router)
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw .connectFailed(host: configuration.host, port: configuration.port, reason: Self.reason(error))
        }
        let client = SMTPClient(
            configuration: configuration, channel: channel, router: router, logger: logger,
            capabilities: SMTPServerCapabilities(ehlo: SMTPReply(code: 250, lines: [])), isEncrypted: implicitTLS)
        do {
            try await client.open(sslContext: sslContext)
        } catch {
            await client.abandon()
            throw error
        }
        return client
    }

    /// Sends one message; the delivery lists accepted recipients and any refused alongside them.
    /// Throws ``SMTPError`` when the server takes the message for no recipient; see its `kind`.
    public func send(_ message: RenderedMail) async throws(SMTPError) -> SMTPDelivery {
        guard !isClosed else { throw .notReady("the connection was closed") }
        guard !isSending else { throw .notReady("another message is being sent on this connection") }
        guard !isBroken, channel.isActive else { throw .connectionLost(waitingFor: .mailFrom) }
        if let limit = capabilities.sizeLimit, message.byteCount > limit {
            throw .messageTooLarge(size: message.byteCount, limit: limit)
        }
        isSending = true
        defer { isSending = false }
        do {
            return try await transaction(message)
        } catch {
            if !Self.leavesConnectionUsable(error) {
                isBroken = true
                channel.close(promise: nil)
            }
            throw error
        }
    }

    /// A message as composed: rendered, then sent.
    public func send(_ message: MailMessage) async throws(SMTPError) -> SMTPDelivery {
        try await send(message.rendered())
    }

    /// Says QUIT (briefly waiting for the answer) and closes the connection.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        if !isBroken && channel.isActive && !isSending {
            _ = try? await exchange(["QUIT"], expecting: [.quit], timeout: .seconds(2))
        }
        try? await channel.close()
    }

    // MARK: - Opening

    private func open(sslContext: NIOSSLContext?) async throws(SMTPError) {
        let greeting = try await exchange([], expecting: [.greeting])[0]
        guard greeting.code == 220 else { throw .rejected(.greeting, greeting) }
        try await hello()
        switch configuration.security {
        case .startTLSIfOffered, .startTLSRequired:
            if capabilities.startTLS, let sslContext {
                let reply = try await exchange(["STARTTLS"], expecting: [.startTLS])[0]
                guard reply.code == 220 else { throw .rejected(.startTLS, reply) }
                try await startTLS(sslContext)
                try await hello()
            } else if configuration.security == .startTLSRequired {
                throw .startTLSNotOffered(host: configuration.host)
            }
        case .implicitTLS, .none: break
        }
        if let credentials = configuration.credentials {
            guard isEncrypted || configuration.security == .none else {
                throw .credentialsNeedTLS(host: configuration.host)
            }
            try await authenticate(user: credentials.user, password: credentials.password)
        }
        logger.debug(
            "SMTP connection ready",
            metadata: [
                "host": "\(configuration.host):\(configuration.port)", "tls": "\(isEncrypted)",
                "pipelining": "\(capabilities.pipelining)",
            ])
    }

    private func hello() async throws(SMTPError) {
        let name = configuration.heloName ?? Self.addressLiteral(channel.localAddress)
        let reply = try await exchange(["EHLO \(name)"], expecting: [.ehlo])[0]
        if reply.code == 250 {
            capabilities = SMTPServerCapabilities(ehlo: reply)
            return
        }
        // A server from before ESMTP: HELO, and no extensions.
        let helo = try await exchange(["HELO \(name)"], expecting: [.ehlo])[0]
        guard helo.code == 250 else { throw .rejected(.ehlo, reply) }
        capabilities = SMTPServerCapabilities(ehlo: SMTPReply(code: 250, lines: []))
    }

    private func startTLS(_ sslContext: NIOSSLContext) async throws(SMTPError) {
        let channel = self.channel
        let host = configuration.host
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    try Self.tlsHandler(context: sslContext, host: host), position: .first)
            }.get()
        } catch {
            throw .tlsFailed(reason: "\(error)")
        }
        isEncrypted = true
    }

    private func authenticate(user: String, password: String) async throws(SMTPError) {
        let offered = capabilities.authMechanisms
        let mechanism: SMTPAuthMechanism
        if let chosen = configuration.authMechanism {
            guard offered.contains(chosen.rawValue) else { throw .authenticationNotOffered(offered: offered) }
            mechanism = chosen
        } else if offered.contains("PLAIN") {
            mechanism = .plain
        } else if offered.contains("LOGIN") {
            mechanism = .login
        } else {
            throw .authenticationNotOffered(offered: offered)
        }
        let reply: SMTPReply
        switch mechanism {
        case .plain:
            let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            reply = try await exchange(["AUTH PLAIN \(token)"], expecting: [.auth])[0]
        case .login:
            let start = try await exchange(["AUTH LOGIN"], expecting: [.auth])[0]
            guard start.code == 334 else { throw .authenticationFailed(start) }
            let afterUser = try await exchange([Data(user.utf8).base64EncodedString()], expecting: [.auth])[0]
            guard afterUser.code == 334 else { throw .authenticationFailed(afterUser) }
            reply = try await exchange([Data(password.utf8).base64EncodedString()], expecting: [.auth])[0]
        }
        guard reply.code == 235 else { throw .authenticationFailed(reply) }
    }

    // MARK: - Sending

    private func transaction(_ message: RenderedMail) async throws(SMTPError) -> SMTPDelivery {
        let envelope = message.envelope
        var commands: [String] = []
        var expected: [SMTPCommand] = []
        let resetFirst = needsReset
        if resetFirst {
            commands.append("RSET")
            expected.append(.reset)
        }
        commands.append("MAIL FROM:<\(envelope.sender)>")
        expected.append(.mailFrom)
        for recipient in envelope.recipients {
            commands.append("RCPT TO:<\(recipient)>")
            expected.append(.rcptTo(recipient))
        }
        commands.append("DATA")
        expected.append(.data)
        // From here until the message's final reply the server holds a transaction open.
        needsReset = true

        var replies: [SMTPReply]
        if capabilities.pipelining {
            replies = try await exchange(commands, expecting: expected)
        } else {
            // One command at a time, stopping where the server refuses.
            replies = []
            for (command, step) in zip(commands, expected) {
                // Without an accepted recipient, DATA would only be refused.
                if step == .data, !replies.suffix(envelope.recipients.count).contains(where: \.isPositive) { break }
                let reply = try await exchange([command], expecting: [step])[0]
                replies.append(reply)
                if !reply.isPositive, step == .mailFrom || step == .reset { break }
            }
        }
        var index = 0
        if resetFirst {
            guard replies[0].code == 250 else { throw .rejected(.reset, replies[0]) }
            index = 1
        }
        let mailReply = replies[index]
        guard mailReply.isPositive else { throw .rejected(.mailFrom, mailReply) }
        index += 1
        var accepted: [String] = []
        var rejected: [SMTPRecipientRejection] = []
        for recipient in envelope.recipients {
            let reply = replies[index]
            index += 1
            if reply.isPositive {
                accepted.append(recipient)
            } else {
                rejected.append(SMTPRecipientRejection(recipient: recipient, reply: reply))
            }
        }
        guard index < replies.count else { throw .recipientsRejected(rejected) }
        let dataReply = replies[index]
        guard dataReply.code == 354 else {
            if accepted.isEmpty { throw .recipientsRejected(rejected) }
            throw .rejected(.data, dataReply)
        }
        if accepted.isEmpty {
            // A server that takes DATA after refusing every recipient: end it empty.
            _ = try await exchange(["."], expecting: [.messageData])
            throw .recipientsRejected(rejected)
        }
        let final = try await exchange(
            buffers: [message.header, message.body, Self.endOfData], expecting: [.messageData])[0]
        // The transaction is over whatever the reply: no RSET needed before the next one.
        needsReset = false
        guard final.isPositive else { throw .rejected(.messageData, final) }
        messagesSent += 1
        return SMTPDelivery(acceptedRecipients: accepted, rejectedRecipients: rejected, reply: final)
    }

    // MARK: - Wire

    private static let endOfData: ByteBuffer = ByteBuffer(string: ".\r\n")

    private func exchange(
        _ commands: [String], expecting steps: [SMTPCommand], timeout: TimeAmount? = nil
    ) async throws(SMTPError) -> [SMTPReply] {
        var buffer = channel.allocator.buffer(capacity: commands.reduce(0) { $0 + $1.utf8.count + 2 })
        for command in commands {
            buffer.writeString(command)
            buffer.writeStaticString("\r\n")
        }
        return try await exchange(buffers: commands.isEmpty ? [] : [buffer], expecting: steps, timeout: timeout)
    }

    /// Registers a waiter per expected reply, then writes `buffers` in one flush, on the event loop.
    private func exchange(
        buffers: [ByteBuffer], expecting steps: [SMTPCommand], timeout: TimeAmount? = nil
    ) async throws(SMTPError) -> [SMTPReply] {
        let channel = self.channel
        let router = self.router
        let wait = timeout ?? configuration.replyTimeout
        do {
            let futures = try await channel.eventLoop.submit {
                let futures = router.expect(steps, timeout: wait, on: channel.eventLoop)
                for buffer in buffers { channel.write(buffer, promise: nil) }
                if !buffers.isEmpty { channel.flush() }
                return futures
            }.get()
            var replies: [SMTPReply] = []
            replies.reserveCapacity(futures.count)
            for future in futures { replies.append(try await future.get()) }
            return replies
        } catch let error as SMTPError {
            throw error
        } catch {
            throw .connectionLost(waitingFor: steps.first ?? .quit)
        }
    }

    private func abandon() async {
        isBroken = true
        try? await channel.close()
    }

    /// A refused message leaves the conversation in step; anything else ends the connection.
    private static func leavesConnectionUsable(_ error: SMTPError) -> Bool {
        switch error {
        case .rejected(let command, let reply):
            // 421: the server is closing the connection.
            reply.code != 421 && command != .reset
        case .recipientsRejected(let rejections): !rejections.contains { $0.reply.code == 421 }
        case .messageTooLarge, .notReady: true
        default: false
        }
    }

    private static func tlsHandler(context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        // SNI takes host names only; an IP address is verified against the certificate as it is.
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    private static func addressLiteral(_ address: SocketAddress?) -> String {
        switch address {
        case .v4(let v4)?: "[\(v4.host)]"
        case .v6(let v6)?: "[IPv6:\(v6.host)]"
        default: "localhost"
        }
    }

    private static func reason(_ error: Error) -> String {
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "no connection within \(amount.nanoseconds / 1_000_000) ms"
        }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { "\($0.error)" } ?? "\(error)"
        }
        return "\(error)"
    }
}
