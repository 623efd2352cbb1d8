import BylineCore
import Foundation
import NIOCore

/// A theme file served under a fingerprinted name (`style.<hash>.css`), so browsers may cache it forever.
public struct StaticAsset: Sendable {
    public let fileName: String
    public let fingerprintedName: String
    let prepared: PreparedPage

    public init(fileName: String, contentType: String, bytes: [UInt8], loadedAt: Date = Date()) {
        self.fileName = fileName
        let hash = ContentHash.hex(bytes)
        let dot = fileName.lastIndex(of: ".") ?? fileName.endIndex
        self.fingerprintedName = fileName[..<dot] + "." + hash.prefix(12) + fileName[dot...]
        self.prepared = PreparedPage(
            status: .ok, body: ByteBuffer(bytes: bytes), contentType: contentType,
            cacheControl: "public, max-age=31536000, immutable", dependencies: [], renderedAt: loadedAt)
    }

    public var path: String { "/assets/\(fingerprintedName)" }
}
