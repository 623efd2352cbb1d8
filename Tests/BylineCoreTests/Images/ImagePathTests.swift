import BylineCore
import Testing

/// Image addresses: what a path names, file names for addresses, and widths.
@Suite struct ImagePathTests {
    let image = StoredImage(
        id: 1, fingerprint: "0123456789abcdef0123", name: "photo-2024", originalExtension: "png", width: 1600,
        height: 900)

    @Test func pathsNameTheOriginalOrAVariant() throws {
        let original = try #require(ImagePath.parse("/images/0123456789abcdef0123/photo-2024.png"))
        #expect(image.file(stem: original.stem, fileExtension: original.fileExtension)! == (nil, "png"))
        // A name ending in a number is no width: only the image's own name decides.
        #expect(image.file(stem: "photo-2024", fileExtension: "jpg") == nil)
        #expect(image.file(stem: "photo-2024-640", fileExtension: "webp")! == (640, "webp"))
        #expect(image.file(stem: "photo-2024-1600", fileExtension: "jpg")! == (1600, "jpg"))
        #expect(image.file(stem: "photo-2024-1920", fileExtension: "jpg") == nil)
        #expect(image.file(stem: "photo-2024-640", fileExtension: "png") == nil)
        for notOurs in [
            "/images/0123456789ABCDEF0123/a.jpg", "/images/0123/a.jpg", "/images/0123456789abcdef0123/a.svg",
            "/images/0123456789abcdef0123/", "/images/0123456789abcdef0123/a/b.jpg", "/content/images/a.jpg",
        ] {
            #expect(ImagePath.parse(notOurs) == nil, "\(notOurs)")
        }
        #expect(
            ImagePath.fingerprint(inURL: "https://news.example/images/0123456789abcdef0123/a-640.jpg?x=1")
                == "0123456789abcdef0123")
    }

    @Test func fileNamesAreSlugs() {
        #expect(ImagePath.fileName("Harbour at Dawn (2).JPG") == "harbour-at-dawn-2")
        #expect(ImagePath.fileName("C:\\Users\\me\\Zürich café.jpeg") == "zurich-cafe")
        #expect(ImagePath.fileName("東京.png") == "image")
        #expect(ImagePath.fileName(".jpg") == "jpg")
        #expect(ImagePath.fileName(String(repeating: "a", count: 200)).count == 60)
    }

    @Test func variantsAreNeverWiderThanTheOriginal() {
        #expect(ImageWidths.variants(originalWidth: 1600) == [320, 640, 960, 1280, 1600])
        #expect(ImageWidths.variants(originalWidth: 4000) == [320, 640, 960, 1280, 1920])
        #expect(ImageWidths.variants(originalWidth: 200) == [200])
        #expect(image.srcset(format: "webp").hasPrefix("/images/0123456789abcdef0123/photo-2024-320.webp 320w, "))
        #expect(image.height(atWidth: 640) == 360)
        #expect(image.variantWidth(closestTo: 1200) == 1280)
    }

    @Test func fingerprintsInABody() {
        let body =
            "![a](/images/0123456789abcdef0123/a.jpg) ![b](/images/0123456789abcdef0123/b-640.jpg) "
            + "![c](https://x.example/images/ffffffffffffffffffff/c.jpg) /images/short/x.jpg"
        #expect(ImagePath.fingerprints(inText: body) == ["0123456789abcdef0123", "ffffffffffffffffffff"])
    }
}
