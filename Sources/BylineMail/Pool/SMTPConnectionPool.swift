import Logging
import NIOCore
import NIOPosix

/// Sends messages over at most `maxConnections` SMTP connections, reusing each for many
/// messages: callers send concurrently (e.g. from a task group) and wait for a free connection
/// when all are busy. A connection that breaks is dropped and a new one opened for the next
/// message; a message that failed on a reused connection before the server could have taken it
/// (an idle connection the server had closed) is sent once more on a fresh one.
public actor SMTPConnectionPool {
    public nonisolated let configuration: SMTPConfiguration
    public nonisolated let maxConnections: Int
    private let eventLoopGroup: EventLoopGroup
    private let logger: Logger

    private var idle: [SMTPClient] = []
    /// Connections open, being opened, or lent to a sender.
    private var slotsTaken = 0
    /// Senders waiting for a connection: handed an idle one, or nil to open their own.
    private var waiters: [CheckedContinuation<SMTPClient?, Never>] = []
    private var isClosed = false

    public init(
        configuration: SMTPConfiguration, maxConnections: Int = 4,
        eventLoopGroup: EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "byline.mail.smtp")
    ) {
        precondition(maxConnections > 0, "an SMTP pool needs at least one connection")
        self.configuration = configuration
        self.maxConnections = maxConnections
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Sends `message` on a pooled connection; errors as ``SMTPClient/send(_:)-(RenderedMail)``.
    public func send(_ message: RenderedMail) async throws(SMTPError) -> SMTPDelivery {
        var retried = false
        while true {
            let (client, reused) = try await acquire()
            do {
                let delivery = try await client.send(message)
                await release(client)
                return delivery
            } catch {
                await release(client)
                if reused && !retried && Self.isStale(error) {
                    logger.debug(
                        "SMTP connection went stale; sending again on a new one", metadata: ["error": "\(error)"])
                    retried = true
                    continue
                }
                throw error
            }
        }
    }

    public func send(_ message: MailMessage) async throws(SMTPError) -> SMTPDelivery {
        try await send(message.rendered())
    }

    /// Says QUIT on every idle connection; later sends fail. Connections lent out close when
    /// their send returns.
    public func close() async {
        isClosed = true
        let connections = idle
        idle = []
        for client in connections { await client.close() }
        slotsTaken -= connections.count
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }

    private func acquire() async throws(SMTPError) -> (SMTPClient, reused: Bool) {
        while true {
            guard !isClosed else { throw .notReady("the connection pool was closed") }
            if let client = idle.popLast() {
                if await client.isUsable { return (client, true) }
                slotsTaken -= 1
                continue
            }
            if slotsTaken < maxConnections {
                slotsTaken += 1
                return (try await openConnection(), false)
            }
            // Full: wait for a connection, or for a slot to open one in (nil).
            if let client = await withCheckedContinuation({ waiters.append($0) }) {
                return (client, true)
            }
            guard !isClosed else { throw .notReady("the connection pool was closed") }
            return (try await openConnection(), false)
        }
    }

    /// Opens a connection in a slot already counted; gives the slot up on failure.
    private func openConnection() async throws(SMTPError) -> SMTPClient {
        do {
            return try await SMTPClient.connect(configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        } catch {
            freeSlot()
            throw error
        }
    }

    private func release(_ client: SMTPClient) async {
        guard await client.isUsable, !isClosed else {
            await client.close()
            freeSlot()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: client)
        } else {
            idle.append(client)
        }
    }

    /// A slot came free: a waiter opens a connection in it, else it is given back.
    private func freeSlot() {
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: nil)
        } else {
            slotsTaken -= 1
        }
    }

    /// Failed before the server could have taken the message, in a way an idle connection's end
    /// looks like: safe to send again on a new connection.
    private static func isStale(_ error: SMTPError) -> Bool {
        switch error {
        case .connectionLost(let command), .timedOut(let command):
            switch command {
            case .reset, .mailFrom, .rcptTo, .data: true
            default: false
            }
        case .rejected(_, let reply): reply.code == 421
        default: false
        }
    }
}
