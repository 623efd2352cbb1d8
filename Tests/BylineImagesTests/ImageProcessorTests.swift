import Foundation
import Testing

@testable import BylineImages

/// The upload pipeline on real files (made for these tests, in Fixtures/): variants, metadata,
/// orientation, transparency, and every kind of bad upload refused with its reason.
@Suite struct ImageProcessorTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func makesEveryWidthBelowTheOriginalInJPEGAndWebPNeverEnlarged() throws {
        let result = try ImageProcessor().process(try Self.fixture("gps.jpg"))
        #expect(result.format == .jpeg && result.width == 1200 && result.height == 900)
        let jpegs = result.variants.filter { $0.format == .jpeg }
        let webps = result.variants.filter { $0.format == .webp }
        // 320, 640, 960 and the original's own 1200: nothing is made larger than it was.
        #expect(jpegs.map(\.width) == [320, 640, 960, 1200])
        #expect(webps.map(\.width) == [320, 640, 960, 1200])
        for variant in result.variants {
            #expect(variant.height == variant.width * 3 / 4, "\(variant.width)x\(variant.height)")
            let seen = try ImageProcessor().inspect(variant.bytes)
            #expect(seen.format == variant.format && seen.width == variant.width && seen.height == variant.height)
        }
        // WebP is the smaller format for the same picture; both are far below the original.
        for (jpeg, webp) in zip(jpegs, webps) { #expect(webp.bytes.count < jpeg.bytes.count) }
    }

    @Test func variantsCarryNoCameraOrPosition() throws {
        let original = try Self.fixture("gps.jpg")
        let processor = ImageProcessor()
        // The positive control: the upload carries a position and a camera.
        let before = try processor.metadataFields(of: original)
        #expect(before.contains { $0.hasPrefix("exif-ifd3-GPS") }, "\(before)")
        #expect(before.contains("exif-ifd0-Make"))
        #expect(String(decoding: original, as: UTF8.self).contains("ExampleCam"))
        for variant in try processor.process(original).variants {
            let after = try processor.metadataFields(of: variant.bytes)
            #expect(!after.contains { $0.hasPrefix("exif-ifd3-") }, "\(variant.format) \(variant.width): \(after)")
            #expect(!after.contains { $0.contains("Make") || $0.contains("Model") }, "\(after)")
            #expect(!String(decoding: variant.bytes, as: UTF8.self).contains("ExampleCam"))
        }
    }

    @Test func aSidewaysPhotoIsTurnedUpright() throws {
        // Stored 400 × 300 with EXIF orientation 6: it is seen 300 wide and 400 high.
        let processor = ImageProcessor()
        #expect(try processor.inspect(try Self.fixture("sideways.jpg")).width == 300)
        let result = try processor.process(try Self.fixture("sideways.jpg"))
        #expect(result.width == 300 && result.height == 400)
        #expect(result.variants.allSatisfy { $0.height > $0.width })
        // No variant asks to be turned again: read back, each is as wide as it was written.
        for variant in result.variants {
            #expect(try processor.inspect(variant.bytes).width == variant.width)
        }
    }

    @Test func transparencyIsKeptInWebPAndFlattenedForJPEG() throws {
        let result = try ImageProcessor().process(try Self.fixture("alpha.png"))
        #expect(result.format == .png)
        #expect(result.variants.contains { $0.format == .jpeg } && result.variants.contains { $0.format == .webp })
    }

    @Test(arguments: [
        ("text.jpg", ImageError.notAnImage),
        ("drawing.svg", ImageError.notAnImage),
        ("bomb.png", ImageError.tooManyPixels(width: 20000, height: 20000, limit: 100_000_000)),
    ])
    func refusesWhatIsNoImageOrTooBig(_ name: String, _ expected: ImageError) throws {
        #expect(throws: expected) { try ImageProcessor().process(try Self.fixture(name)) }
    }

    @Test func refusesATruncatedFileWithItsReason() throws {
        let error = try #require(throws: ImageError.self) {
            try ImageProcessor().process(try Self.fixture("truncated.jpg"))
        }
        guard case .damaged(let detail) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(!detail.isEmpty)
        #expect(error.description.contains("truncated or damaged"))
    }

    @Test func refusesEmptyAndOversizedFilesBeforeReadingThem() throws {
        #expect(throws: ImageError.empty) { try ImageProcessor().process([]) }
        let limited = ImageProcessor(limits: ImageLimits(maxBytes: 10_000))
        let photo = try Self.fixture("gps.jpg")
        #expect(throws: ImageError.tooLarge(bytes: photo.count, limit: 10_000)) { try limited.process(photo) }
        #expect(
            ImageError.tooLarge(bytes: 52_428_800, limit: 20_971_520).description
                == "The file is 50 MB; the limit is 20 MB.")
    }

    @Test func targetWidthsNeverEnlarge() {
        #expect(ImageProcessor.targetWidths(original: 4000, offered: [320, 640, 1920]) == [320, 640, 1920])
        #expect(ImageProcessor.targetWidths(original: 700, offered: [320, 640, 1920]) == [320, 640, 700])
        #expect(ImageProcessor.targetWidths(original: 200, offered: [320, 640, 1920]) == [200])
        #expect(ImageProcessor.targetWidths(original: 640, offered: [320, 640, 1920]) == [320, 640])
    }
}
