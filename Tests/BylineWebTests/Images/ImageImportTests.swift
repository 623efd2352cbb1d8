import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HummingbirdTesting
import NIOCore
import Testing

/// Article files with `Image:` and `Image-Alt:` lines: the picture is stored like an upload,
/// a re-import of the unchanged file keeps the same image, and a picture that is missing or no
/// image fails that file alone, with a message naming it.
@Suite struct ImageImportTests {
    static func article(_ title: String, image: String?, alt: String? = nil) -> String {
        var lines = [title, "", "Mara Ellison", "Date: 2026-05-18"]
        if let image { lines.append("Image: \(image)") }
        if let alt { lines.append("Image-Alt: \(alt)") }
        return (lines + ["", "The first paragraph of the story.", ""]).joined(separator: "\n")
    }

    @Test(arguments: StoreKind.allCases) func importStoresTheFilesImageOnce(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let pictures = site.folder.appendingPathComponent("pictures")
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        try Data(try ImageFiles.demo()).write(to: pictures.appendingPathComponent("bridge.jpg"))
        let withAlt = try site.writeArticle(
            "bridge.txt", Self.article("The bridge reopens", image: "pictures/bridge.jpg", alt: "A rebuilt bridge"))
        let withoutAlt = try site.writeArticle(
            "again.txt", Self.article("The same picture", image: "./pictures/bridge.jpg"))
        let missing = try site.writeArticle("missing.txt", Self.article("No picture here", image: "pictures/none.jpg"))
        try Data(try ImageFiles.fixture("text.jpg")).write(to: pictures.appendingPathComponent("notes.jpg"))
        let notImage = try site.writeArticle("notes.txt", Self.article("A text file", image: "pictures/notes.jpg"))

        let results = await site.importFiles([withAlt, withoutAlt, missing, notImage])
        var failures: [String: String] = [:]
        for case .failed(let path, let reason) in results { failures[(path as NSString).lastPathComponent] = reason }
        #expect(failures.keys.sorted() == ["missing.txt", "notes.txt"])
        #expect(failures["missing.txt"]?.contains("image pictures/none.jpg: no such file") == true)
        #expect(failures["notes.txt"]?.contains("not a JPEG, PNG, WebP or GIF") == true)

        let images = try await site.store.recentImages(limit: 10)
        #expect(images.count == 1)
        let image = try #require(images.first)
        #expect(image.width == 1600 && image.height == 900)
        let first = try #require(try await site.store.post(id: Self.id(results, "bridge.txt")))
        #expect(first.featureImage == image.originalPath)
        #expect(first.featureImageAlt == "A rebuilt bridge")
        // Without Image-Alt the title stands for the picture.
        let second = try #require(try await site.store.post(id: Self.id(results, "again.txt")))
        #expect(second.featureImage == image.originalPath && second.featureImageAlt == "The same picture")

        // The unchanged file again: the same post, the same image, no second copy or revision.
        let revisions = try await site.store.revisions(postID: first.id).count
        let again = await site.importFiles([withAlt])
        #expect(Self.id(again, "bridge.txt") == first.id)
        #expect(try await site.store.recentImages(limit: 10).map(\.id) == [image.id])
        #expect(try await site.store.post(id: first.id)?.featureImage == image.originalPath)
        #expect(try await site.store.revisions(postID: first.id).count == revisions)
        await site.temp.close()
    }

    static func id(_ results: [ArticleImporter.Result], _ name: String) -> Int64 {
        for case .imported(let path, let saved, _) in results where (path as NSString).lastPathComponent == name {
            return saved.id
        }
        return -1
    }
}
