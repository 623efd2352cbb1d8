import BylineCore
import CompressNIO
import Foundation
import HTTPTypes
import NIOCore

/// A page or asset ready to send as it is: its bytes, a gzip copy made once, and the headers of
/// each variant, so answering from the cache copies buffers and touches nothing else.
struct PreparedPage: Sendable {
    struct Variant: Sendable {
        let body: ByteBuffer
        let eTag: String
        let headers: HTTPFields
    }

    let status: HTTPResponse.Status
    let identity: Variant
    /// nil when gzip would not make the page smaller.
    let gzip: Variant?
    let lastModified: Date
    let dependencies: Set<ChangeKey>
    /// The cache serves it until then only (``RenderedPage/document(_:_:contentType:dependencies:validUntil:)``).
    let validUntil: Date?

    /// Bytes this page holds in memory, for the cache's size bound.
    var size: Int { identity.body.capacity + (gzip?.body.capacity ?? 0) + 512 }

    /// How hard to compress: once per cached page it pays to squeeze; per request, it does not.
    enum Compression {
        case none, fast, best
    }

    init(
        status: HTTPResponse.Status, body: ByteBuffer, contentType: String, cacheControl: String,
        dependencies: Set<ChangeKey>, renderedAt: Date, validUntil: Date? = nil, compression: Compression = .best
    ) {
        self.status = status
        self.dependencies = dependencies
        self.validUntil = validUntil
        // Whole seconds: HTTP dates have no fractions, and If-Modified-Since compares them.
        self.lastModified = Date(timeIntervalSince1970: renderedAt.timeIntervalSince1970.rounded(.down))
        let hash = ContentHash.hex(body.readableBytesView)
        let modified = HTTPDate.format(lastModified)
        let common: HTTPFields = [
            .contentType: contentType, .cacheControl: cacheControl, .lastModified: modified, .vary: "Accept-Encoding",
        ]
        identity = Self.variant(body: body, eTag: "\"\(hash)\"", encoding: nil, common: common)
        var source = body
        let level: ZlibConfiguration.CompressionLevel = compression == .best ? .bestCompression : .compressionLevel5
        if compression != .none,
            let compressed = try? source.compress(with: .gzip(configuration: .init(compressionLevel: level))),
            compressed.readableBytes < body.readableBytes
        {
            // The compressor's buffer is sized for the worst case (about the input's size): keep
            // a copy of just the compressed bytes, or a cached page holds twice what it counts.
            let fitted = ByteBuffer(bytes: compressed.readableBytesView)
            gzip = Self.variant(body: fitted, eTag: "\"\(hash)-gz\"", encoding: "gzip", common: common)
        } else {
            gzip = nil
        }
    }

    private static func variant(body: ByteBuffer, eTag: String, encoding: String?, common: HTTPFields) -> Variant {
        var headers = common
        headers[.eTag] = eTag
        headers[.contentLength] = String(body.readableBytes)
        if let encoding { headers[.contentEncoding] = encoding }
        return Variant(body: body, eTag: eTag, headers: headers)
    }
}
