import NIOCore
import NIOSSL

/// Hands each reply to whoever waits for it, in order: the client registers one waiter per
/// command before writing the commands (all of a pipelined group at once), so replies and
/// commands always match. Replies nobody waits for yet (the greeting) are kept for the next
/// waiter. A lost connection, a TLS or protocol error, or no reply within the timeout fails every
/// waiter and closes the channel: the connection is then done.
///
/// Only touched on its channel's event loop (the client submits every call there), which is
/// what makes the `@unchecked Sendable` sound.
final class SMTPReplyRouter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPReply

    private struct Waiter {
        let command: SMTPCommand
        let promise: EventLoopPromise<SMTPReply>
    }

    private var waiting = CircularBuffer<Waiter>()
    private var unclaimed = CircularBuffer<SMTPReply>()
    private var context: ChannelHandlerContext?
    private var failure: SMTPError?
    private var timeout: Scheduled<Void>?
    private var timeoutAmount = TimeAmount.seconds(60)

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(.connectionLost(waitingFor: .quit))
        self.context = nil
    }

    /// Futures for the replies to `commands`, in order; each fails if the connection is lost
    /// or no reply comes within `timeout` of the previous one.
    func expect(_ commands: [SMTPCommand], timeout: TimeAmount, on eventLoop: EventLoop) -> [EventLoopFuture<SMTPReply>]
    {
        timeoutAmount = timeout
        var futures: [EventLoopFuture<SMTPReply>] = []
        for command in commands {
            if let failure {
                futures.append(eventLoop.makeFailedFuture(Self.error(failure, waitingFor: command)))
            } else if let reply = unclaimed.popFirst() {
                futures.append(eventLoop.makeSucceededFuture(reply))
            } else {
                let promise = eventLoop.makePromise(of: SMTPReply.self)
                waiting.append(Waiter(command: command, promise: promise))
                futures.append(promise.futureResult)
            }
        }
        if !waiting.isEmpty && self.timeout == nil { scheduleTimeout(on: eventLoop) }
        return futures
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        guard let waiter = waiting.popFirst() else {
            unclaimed.append(reply)
            return
        }
        timeout?.cancel()
        timeout = nil
        if !waiting.isEmpty { scheduleTimeout(on: context.eventLoop) }
        waiter.promise.succeed(reply)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.connectionLost(waitingFor: .quit))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        switch error {
        case let error as SMTPError: fail(error)
        case let error as NIOSSLError: fail(.tlsFailed(reason: "\(error)"))
        case let error as BoringSSLError: fail(.tlsFailed(reason: "\(error)"))
        default: fail(.connectionLost(waitingFor: .quit))
        }
        context.close(promise: nil)
    }

    private func scheduleTimeout(on eventLoop: EventLoop) {
        timeout = eventLoop.scheduleTask(in: timeoutAmount) { [self] in
            timeout = nil
            guard let first = waiting.first else { return }
            fail(.timedOut(waitingFor: first.command))
            context?.close(promise: nil)
        }
    }

    /// Fails every waiter (and later ones) with `error`, named after the command each waits for.
    private func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        timeout?.cancel()
        timeout = nil
        let first = failure!
        while let waiter = waiting.popFirst() {
            waiter.promise.fail(Self.error(first, waitingFor: waiter.command))
        }
    }

    private static func error(_ error: SMTPError, waitingFor command: SMTPCommand) -> SMTPError {
        switch error {
        case .connectionLost: .connectionLost(waitingFor: command)
        case .timedOut(let first): .timedOut(waitingFor: first)
        default: error
        }
    }
}
