import HummingbirdBcrypt
import NIOPosix

/// bcrypt through HummingbirdBcrypt, run on NIO's thread pool: a hash takes tens of
/// milliseconds of CPU, which must not stall the event loops serving readers.
public struct PasswordHasher: Sendable {
    /// 2^cost rounds. 10 is ~60 ms here; tests may lower it.
    public var cost: UInt8

    public init(cost: UInt8 = 10) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// A hash no password is known to match, at the default cost: checked when the email is
    /// unknown, so that answer takes as long as a wrong password.
    static let timingHash = Bcrypt.hash(SecretToken.make(), cost: 10)

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// What a new password must be: long enough to resist guessing, short enough for bcrypt
    /// (which reads 72 bytes).
    public static func problem(with password: String) -> String? {
        if password.count < 10 { return "must be at least 10 characters" }
        if password.utf8.count > 72 { return "must be at most 72 bytes" }
        return nil
    }
}
