import BylineCore
import Crypto
import Foundation

/// What ``ImageStoring/saveImage(_:)`` stores: an original and the variants made from it,
/// with the values derived once here (fingerprint, name) so both engines write the same.
public struct ImageUpload: Sendable {
    /// One re-encoded size (``ImageStoring``'s `image_files` row of kind `variant`).
    public struct File: Sendable {
        public var width: Int
        public var height: Int
        /// `jpg` or `webp`.
        public var format: String
        public var bytes: Data

        public init(width: Int, height: Int, format: String, bytes: Data) {
            self.width = width
            self.height = height
            self.format = format
            self.bytes = bytes
        }
    }

    public var fingerprint: String
    /// The name as uploaded (kept for the newsroom's list).
    public var originalFilename: String
    /// The address name (``ImagePath/fileName(_:)``).
    public var name: String
    /// `jpg`, `png`, `webp` or `gif`, from the bytes (never the file name).
    public var format: String
    public var width: Int
    public var height: Int
    public var original: Data
    public var variants: [File]
    /// The staff member who uploaded it; nil for imports and the demo.
    public var uploadedBy: Int64?

    public init(
        original: Data, originalFilename: String, format: String, width: Int, height: Int, variants: [File],
        uploadedBy: Int64?
    ) {
        self.fingerprint = Self.fingerprint(of: original)
        self.originalFilename = String(originalFilename.prefix(255))
        self.name = ImagePath.fileName(originalFilename)
        self.format = format
        self.width = width
        self.height = height
        self.original = original
        self.variants = variants
        self.uploadedBy = uploadedBy
    }

    /// The first ``ImagePath/fingerprintLength`` hex digits of the SHA-256 of `bytes`.
    public static func fingerprint(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined().prefix(ImagePath.fingerprintLength)
            .description
    }
}
