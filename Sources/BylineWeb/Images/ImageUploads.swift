import BylineCore
import BylineImages
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix

/// Uploads: an image's bytes in, a stored image with its variants out (``ImageProcessor``).
/// The same bytes uploaded again give the stored image back without processing them again.
/// Processing runs on NIO's thread pool, never on an event loop, a bounded number at a time
/// (``ProcessingSlots``), so a flood of uploads slows uploads, not pages.
public struct ImageUploads: Sendable {
    let store: any ImageStoring
    let slots: ProcessingSlots

    public init(store: any ImageStoring, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.slots = ProcessingSlots(limit: concurrency, maxWaiting: 16)
    }

    /// Why an upload was refused, as HTTP: 413 too large, 415 not an image, 422 an image that
    /// cannot be used, 503 too many uploads at once.
    public struct Refusal: Error, Sendable, Equatable {
        public var status: HTTPResponse.Status
        public var message: String
    }

    /// Stores `bytes`, named `filename` by the uploader (the name is only for its address: the
    /// format comes from the bytes).
    public func upload(_ bytes: [UInt8], filename: String, maxBytes: Int, by user: Int64?) async throws
        -> StoredImage
    {
        if bytes.isEmpty { throw Refusal(status: .unprocessableContent, message: ImageError.empty.description) }
        if bytes.count > maxBytes { throw Self.refusal(ImageError.tooLarge(bytes: bytes.count, limit: maxBytes)) }
        let fingerprint = ImageUpload.fingerprint(of: bytes)
        if let stored = try await store.image(fingerprint: fingerprint) { return stored }
        let processor = ImageProcessor(limits: ImageLimits(maxBytes: maxBytes))
        let processed: ProcessedImage
        do {
            processed = try await slots.run {
                try await NIOThreadPool.singleton.runIfActive { try processor.process(bytes) }
            }
        } catch let error as ImageError {
            throw Self.refusal(error)
        } catch is ProcessingSlots.Busy {
            throw Refusal(
                status: .serviceUnavailable, message: "Too many images are being processed; try again in a moment.")
        }
        let upload = ImageUpload(
            original: Data(bytes), originalFilename: filename, format: processed.format.fileExtension,
            width: processed.width, height: processed.height,
            variants: processed.variants.map {
                ImageUpload.File(
                    width: $0.width, height: $0.height, format: $0.format.fileExtension, bytes: Data($0.bytes))
            }, uploadedBy: user)
        return try await store.saveImage(upload).image
    }

    static func refusal(_ error: ImageError) -> Refusal {
        switch error {
        case .tooLarge: Refusal(status: .contentTooLarge, message: error.description)
        case .notAnImage: Refusal(status: .unsupportedMediaType, message: error.description)
        case .empty, .tooManyPixels, .damaged: Refusal(status: .unprocessableContent, message: error.description)
        case .processing: Refusal(status: .internalServerError, message: error.description)
        }
    }

    /// The request's body, read as it arrives and refused (413) as soon as it passes `maxBytes`:
    /// a 50 MB upload is never held whole. A `Content-Length` over the limit is refused before
    /// anything is read.
    public static func body(of request: Request, maxBytes: Int) async throws -> [UInt8] {
        let tooLarge = Refusal(
            status: .contentTooLarge,
            message: "The file is larger than the limit of \(ImageError.megabytes(maxBytes)).")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes { throw tooLarge }
        var collected: [UInt8] = []
        for try await buffer in request.body {
            if collected.count + buffer.readableBytes > maxBytes { throw tooLarge }
            collected.append(contentsOf: buffer.readableBytesView)
        }
        return collected
    }
}
