import Crypto
import Foundation

/// Random secrets (session cookies, CSRF tokens, API tokens, one-time passwords) and the SHA-256
/// under which the store keeps them.
public enum SecretToken {
    /// `bytes` random bytes as URL-safe base64 without padding.
    public static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps: a database copy cannot be replayed as a cookie or token.
    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// HMAC-SHA256 of `text` under `key`, hex: signed links and form stamps.
    static func signature(_ text: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex. By table, not `String(format:)`: every newsletter message signs a link,
    /// and formatting byte by byte cost a sixth of a send's CPU.
    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares secrets in time independent of where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
