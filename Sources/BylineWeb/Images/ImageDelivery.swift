import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Serves uploaded images at their fingerprinted addresses (``ImagePath``). A file behind such
/// an address never changes, so it is cached everywhere for a year (`immutable`) and is the
/// same for every reader: the responder answers it before any session or page cache is asked.
/// Hot files are kept in memory (``ImageFileCache``); the rest are read from the store.
struct ImageDelivery: Sendable {
    let store: any ImageStoring
    let cache: ImageFileCache
    let timeout: Duration

    static let cacheControl = "public, max-age=31536000, immutable"

    init(store: any ImageStoring, cacheBytes: Int = 32 << 20, timeout: Duration) {
        self.store = store
        self.cache = ImageFileCache(capacityBytes: cacheBytes)
        self.timeout = timeout
    }

    static func isImagePath(_ path: String) -> Bool { path.hasPrefix(ImagePath.prefix) }

    func respond(to request: Request) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return PageResponse.text(
                .methodNotAllowed, "Method not allowed", request: request, extra: [.allow: "GET, HEAD"])
        }
        guard let path = ImagePath.parse(request.uri.path) else { return notFound(request) }
        let file: ImageFileCache.File
        if let cached = cache.file(path) {
            file = cached
        } else {
            let store = self.store
            let found = try await withDeadline(timeout) { () async throws -> ImageFileCache.File? in
                guard let image = try await store.image(fingerprint: path.fingerprint),
                    let wanted = image.file(stem: path.stem, fileExtension: path.fileExtension),
                    let bytes = try await store.imageFile(
                        fingerprint: image.fingerprint, width: wanted.width, format: wanted.format)
                else { return nil }
                return ImageFileCache.File(path: path, width: wanted.width, bytes: ByteBuffer(bytes: bytes))
            }
            guard let found else { return notFound(request) }
            cache.insert(found)
            file = found
        }
        var headers: HTTPFields = [
            .contentType: Self.mediaType(path.fileExtension), .cacheControl: Self.cacheControl, .eTag: file.eTag,
            .contentLength: String(file.bytes.readableBytes),
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        if PageResponse.matches(request.headers[values: .ifNoneMatch], file.eTag) {
            headers[.contentLength] = nil
            return Response(status: .notModified, headers: headers)
        }
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.bytes))
    }

    private func notFound(_ request: Request) -> Response {
        PageResponse.text(.notFound, "Not found", request: request)
    }

    static func mediaType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "jpg": "image/jpeg"
        case "png": "image/png"
        case "webp": "image/webp"
        case "gif": "image/gif"
        default: "application/octet-stream"
        }
    }
}

/// The image files served most recently, up to a byte budget, least recently used out first.
final class ImageFileCache: Sendable {
    struct File: Sendable {
        var key: String
        var bytes: ByteBuffer
        /// Strong: the bytes behind a fingerprinted address never change.
        var eTag: String

        /// `width` nil: the original.
        init(path: ImagePath, width: Int?, bytes: ByteBuffer) {
            self.key = Self.key(path)
            self.bytes = bytes
            self.eTag = "\"\(path.fingerprint)-\(width.map(String.init) ?? "original").\(path.fileExtension)\""
        }

        static func key(_ path: ImagePath) -> String { "\(path.fingerprint)/\(path.stem).\(path.fileExtension)" }
    }

    private struct State {
        var files: [String: (file: File, used: UInt64)] = [:]
        var bytes = 0
        var tick: UInt64 = 0
    }

    let capacityBytes: Int
    private let state = Mutex(State())

    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    func file(_ path: ImagePath) -> File? {
        state.withLock { state in
            let key = File.key(path)
            guard let entry = state.files[key] else { return nil }
            state.tick += 1
            state.files[key] = (entry.file, state.tick)
            return entry.file
        }
    }

    func insert(_ file: File) {
        let size = file.bytes.readableBytes
        // One file larger than a quarter of the budget would push out everything else.
        guard size <= capacityBytes / 4 else { return }
        state.withLock { state in
            state.tick += 1
            if let old = state.files.updateValue((file, state.tick), forKey: file.key) {
                state.bytes -= old.file.bytes.readableBytes
            }
            state.bytes += size
            while state.bytes > capacityBytes, let oldest = state.files.min(by: { $0.value.used < $1.value.used }) {
                state.files[oldest.key] = nil
                state.bytes -= oldest.value.file.bytes.readableBytes
            }
        }
    }
}
