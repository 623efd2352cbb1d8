import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

// Run Swift Concurrency on NIO's event loops: request handlers then continue on the thread that
// did the I/O instead of hopping to a separate pool and back for every request (measured in
// scripts/bench-page). Must happen on the main thread before any task starts.
if ProcessInfo.processInfo.environment["BYLINE_SEPARATE_EXECUTOR"] == nil {
    _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
/// Runs the asynchronous entry point of ArgumentParser (top-level code would pick the synchronous one).
func runCommand<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    await command.main(nil)
}

await runCommand(Byline.self)
