import BylineCore
import BylineTestSupport
import Foundation
import Testing

@testable import BylineStore

/// Images in the database, on both engines: stored once per fingerprint, files read back byte
/// for byte, and carried by whole-site copies between engines.
@Suite struct ImageStoreTests {
    /// An upload with made-up bytes: the store keeps what it is given, whatever it is.
    static func upload(_ seed: UInt8, width: Int = 1600, name: String = "Harbour at Dawn.JPG") -> ImageUpload {
        let original = Data((0..<4096).map { UInt8(truncatingIfNeeded: Int($0) * 7 + Int(seed)) })
        let variants = ImageWidths.variants(originalWidth: width).flatMap { variantWidth in
            ["jpg", "webp"].map { format in
                ImageUpload.File(
                    width: variantWidth, height: variantWidth * 9 / 16, format: format,
                    bytes: Data("\(format)-\(variantWidth)-\(seed)".utf8))
            }
        }
        return ImageUpload(
            original: original, originalFilename: name, format: "jpg", width: width, height: width * 9 / 16,
            variants: variants, uploadedBy: nil)
    }

    @Test(arguments: StoreKind.allCases) func imagesAreStoredOncePerFingerprint(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let upload = Self.upload(1)
            let (image, created) = try await store.saveImage(upload)
            #expect(created)
            #expect(image.name == "harbour-at-dawn" && image.fingerprint == upload.fingerprint)
            #expect(image.fingerprint.count == ImagePath.fingerprintLength)
            let (again, createdAgain) = try await store.saveImage(Self.upload(1, name: "other.jpg"))
            #expect(!createdAgain && again == image)

            #expect(try await store.image(fingerprint: image.fingerprint) == image)
            #expect(try await store.image(id: image.id) == image)
            #expect(
                try await store.imageFile(fingerprint: image.fingerprint, width: nil, format: "jpg") == upload.original)
            #expect(
                try await store.imageFile(fingerprint: image.fingerprint, width: 640, format: "webp")
                    == Data("webp-640-1".utf8))
            #expect(try await store.imageFile(fingerprint: image.fingerprint, width: 641, format: "webp") == nil)
            #expect(try await store.imageFile(fingerprint: image.fingerprint, width: nil, format: "png") == nil)

            let other = try await store.saveImage(Self.upload(2)).image
            #expect(try await store.images(fingerprints: [image.fingerprint, other.fingerprint, "nope"]).count == 2)
            #expect(try await store.images(ids: [image.id, other.id, 999]).keys.sorted() == [image.id, other.id])
            #expect(try await store.recentImages(limit: 1) == [other])
        }
    }

    @Test(arguments: SnapshotTests.pairs)
    func imagesCopyWithTheSite(from: StoreKind, to: StoreKind) async throws {
        try await TestStore.with(from) { source in
            let upload = Self.upload(3)
            let image = try await source.store.saveImage(upload).image
            let post = try await source.store.upsertPost(
                matchingTitle: PostInput(
                    title: "Pictured", authorName: "Mara Ellison", markdown: "Text.", featureImage: image.originalPath,
                    featureImageAlt: "A harbour"))
            let author = try #require(try await source.store.post(id: post.id)?.author)
            _ = try await source.store.setAuthorImage(authorID: author.id, imageID: image.id)
            let original = try await source.store.snapshot()
            #expect(original.rows(of: "images").count == 1)
            #expect(original.rows(of: "image_files").count == 1 + 2 * ImageWidths.variants(originalWidth: 1600).count)
            try await TestStore.with(to) { target in
                try await target.store.restore(original, replacing: false)
                #expect(try await target.store.snapshot().checksum() == original.checksum())
                #expect(try await target.store.image(fingerprint: image.fingerprint) == image)
                #expect(
                    try await target.store.imageFile(fingerprint: image.fingerprint, width: nil, format: "jpg")
                        == upload.original)
                let copied = try #require(try await target.store.post(id: post.id))
                #expect(copied.featureImage == image.originalPath && copied.featureImageAlt == "A harbour")
                #expect(copied.author.imageID == image.id)
                // New images continue after the copied ids.
                #expect(try await target.store.saveImage(Self.upload(4)).image.id > image.id)
            }
        }
    }
}
