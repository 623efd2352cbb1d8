import BylineCore
import BylineImages
import BylineStore
import Foundation

/// An article file's `Image:` picture, stored as an uploaded image would be: the path is read
/// relative to the article file, the bytes are checked and resized (``ImageProcessor``), and
/// the same bytes imported again give the image already stored, unprocessed, so a re-import of
/// an unchanged file leaves its post's picture as it was.
struct ArticleImage: Sendable {
    let store: any ImageStoring
    let processor: ImageProcessor

    /// Why the picture could not be imported, naming the path as the file wrote it.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "image \(path): \(reason)" }
    }

    /// The stored image for `path` as written in the article file at `articlePath`.
    func store(_ path: String, besideArticle articlePath: String) async throws -> StoredImage {
        let directory = (articlePath as NSString).deletingLastPathComponent
        let resolved = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return try await store(fileAt: resolved, writtenAs: path)
    }

    /// The stored image for the file at `resolved`; errors name it as `written`.
    func store(fileAt resolved: String, writtenAs path: String) async throws -> StoredImage {
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw Failure(path: path, reason: "no such file (looked for \(resolved))")
        }
        let bytes = [UInt8](data)
        if let stored = try await store.image(fingerprint: ImageUpload.fingerprint(of: bytes)) { return stored }
        let processed: ProcessedImage
        do {
            processed = try processor.process(bytes)
        } catch let error as ImageError {
            throw Failure(path: path, reason: error.description)
        }
        let upload = ImageUpload(
            original: data, originalFilename: (path as NSString).lastPathComponent,
            format: processed.format.fileExtension, width: processed.width, height: processed.height,
            variants: processed.variants.map {
                ImageUpload.File(
                    width: $0.width, height: $0.height, format: $0.format.fileExtension, bytes: Data($0.bytes))
            }, uploadedBy: nil)
        return try await store.saveImage(upload).image
    }
}
