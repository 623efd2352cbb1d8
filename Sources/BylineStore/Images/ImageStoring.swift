import BylineCore
import Foundation

/// Uploaded images and their files, in the site's database (SQLite's file in the data folder;
/// PostgreSQL shared by every node), so every node serves every image and copies of the site
/// (``SnapshotStore``) carry them.
public protocol ImageStoring: Sendable {
    /// Stores an upload's original and variants, unless an image with the same fingerprint is
    /// already stored: then that one is returned, unchanged (`created` false).
    func saveImage(_ upload: ImageUpload) async throws -> (image: StoredImage, created: Bool)
    /// The image with this fingerprint, without its files; nil when there is none.
    func image(fingerprint: String) async throws -> StoredImage?
    /// The image with this id, without its files.
    func image(id: Int64) async throws -> StoredImage?
    /// The images among these fingerprints that exist, by fingerprint (one query).
    func images(fingerprints: [String]) async throws -> [String: StoredImage]
    /// The images among these ids that exist, by id (one query).
    func images(ids: [Int64]) async throws -> [Int64: StoredImage]
    /// One file's bytes: the original (`width` nil) or the variant of that width and format.
    func imageFile(fingerprint: String, width: Int?, format: String) async throws -> Data?
    /// The newest images, for choosing one again in the editor.
    func recentImages(limit: Int) async throws -> [StoredImage]
    /// Gives an author a picture (nil: none); returns the cached pages it touches.
    func setAuthorImage(authorID: Int64, imageID: Int64?) async throws -> Set<ChangeKey>
}
