import BylineCore
import BylineMarkdown
import Testing

/// Images in bodies: one stored here becomes a `<picture>` with sizes, any other a lazy `<img>`.
@Suite struct BodyImagesTests {
    @Test func storedImagesGetSrcsetAndSize() {
        let image = StoredImage(
            id: 1, fingerprint: "0123456789abcdef0123", name: "chart", originalExtension: "png", width: 800,
            height: 400)
        let html = MarkdownRenderer.render(
            "![Prices \"rose\"](/images/0123456789abcdef0123/chart.png \"Title\")\n\n![Other](https://x.example/a.jpg)\n\n![Unknown](/images/ffffffffffffffffffff/x.jpg)",
            images: [image.fingerprint: image]
        ).html
        #expect(
            html.contains(
                "<picture><source type=\"image/webp\" srcset=\"/images/0123456789abcdef0123/chart-320.webp 320w, /images/0123456789abcdef0123/chart-640.webp 640w, /images/0123456789abcdef0123/chart-800.webp 800w\" sizes=\"(max-width: 48rem) 100vw, 48rem\"><img src=\"/images/0123456789abcdef0123/chart-800.jpg\""
            ), "\(html)")
        #expect(
            html.contains(
                "width=\"800\" height=\"400\" alt=\"Prices &quot;rose&quot;\" title=\"Title\" loading=\"lazy\" decoding=\"async\"></picture>"
            ))
        #expect(
            html.contains("<img src=\"https://x.example/a.jpg\" alt=\"Other\" loading=\"lazy\" decoding=\"async\">"))
        #expect(
            html.contains(
                "<img src=\"/images/ffffffffffffffffffff/x.jpg\" alt=\"Unknown\" loading=\"lazy\" decoding=\"async\">"))
        // Reading time still counts each image once.
        #expect(MarkdownRenderer.render("![a](/a.jpg)\n\n![b](/b.jpg)").imageCount == 2)
    }
}
