import BylineCore

/// A theme file served under a fingerprinted name (`style.<hash>.css`), so browsers may cache it forever.
public struct StaticAsset: Sendable {
    public let fileName: String
    public let fingerprintedName: String
    public let contentType: String
    public let bytes: [UInt8]
    public let eTag: String

    public init(fileName: String, contentType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
        let hash = ContentHash.hex(bytes)
        let dot = fileName.lastIndex(of: ".") ?? fileName.endIndex
        self.fingerprintedName = fileName[..<dot] + "." + hash.prefix(12) + fileName[dot...]
        self.eTag = "\"\(hash)\""
    }

    public var path: String { "/assets/\(fingerprintedName)" }
}
