import Crypto
import Foundation

/// The site's secret for links that are signed rather than stored (one-click unsubscribe):
/// 32 random bytes in `<data>/keys/member-links.key`, made on first use. A file in the data
/// folder and not a database row, so a copy of the database mints no links; nodes serving one
/// site on PostgreSQL share the data folder's `keys/`, or their links do not work on each other.
public struct MemberLinkKey: Sendable {
    let key: SymmetricKey

    /// A key of its own, for one process (tests).
    public static func random() -> MemberLinkKey { MemberLinkKey(key: SymmetricKey(size: .bits256)) }

    /// Reads the data folder's key, making it (readable by its owner only) when there is none.
    public static func loadOrCreate(dataFolder: String) throws -> MemberLinkKey {
        let folder = URL(fileURLWithPath: dataFolder).appendingPathComponent("keys")
        let file = folder.appendingPathComponent("member-links.key")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = Self.bytes(hex: hex), bytes.count == 32 else {
                throw MemberLinkKeyError.unreadable(file.path)
            }
            return MemberLinkKey(key: SymmetricKey(data: bytes))
        }
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw MemberLinkKeyError.unwritable(file.path) }
        return MemberLinkKey(key: key)
    }

    /// HMAC-SHA256 of `text`, hex.
    func signature(_ text: String) -> String { SecretToken.signature(text, key: key) }

    private static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: characters.count, by: 2) {
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }
}

/// Why the data folder's link key cannot be used.
public enum MemberLinkKeyError: Error, CustomStringConvertible {
    case unreadable(String)
    case unwritable(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path) is not a key (64 hex digits); remove it to make a new one"
        case .unwritable(let path): "cannot write \(path)"
        }
    }
}
