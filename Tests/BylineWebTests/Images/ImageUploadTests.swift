import BylineCore
import BylineImages
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Uploads through the Admin API and the files served for them: variants at every width in
/// JPEG and WebP, metadata gone, fingerprinted addresses cached for a year, the same bytes
/// stored once, and every kind of bad upload refused with a clear status and message.
@Suite struct ImageUploadTests {
    @Test(arguments: StoreKind.allCases) func uploadServesVariantsWithoutMetadata(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let bytes = try ImageFiles.fixture("gps.jpg")
            let processor = ImageProcessor()
            #expect(try processor.metadataFields(of: bytes).contains { $0.hasPrefix("exif-ifd3-GPS") })
            #expect(String(decoding: bytes, as: UTF8.self).contains("ExampleCam"))
            let (_, width, height) = try processor.inspect(bytes)

            let answer = try await api.with(token: staff.author.token).upload(bytes, filename: "Harbour at dawn.JPG")
            #expect(answer.code == 201)
            let image = try #require(answer.first("images"))
            let url = try #require(image["url"]?.stringValue)
            let fingerprint = ImageUpload.fingerprint(of: bytes)
            #expect(url == "/images/\(fingerprint)/harbour-at-dawn.jpg")
            #expect(answer.headers[.location] == url)
            #expect(image["width"]?.intValue == Int64(width) && image["height"]?.intValue == Int64(height))
            let variants = try #require(image["variants"]?.arrayValue)
            #expect(
                variants.compactMap { $0["width"]?.intValue }.map(Int.init)
                    == ImageWidths.variants(originalWidth: width))

            for variant in variants {
                for (key, type) in [("jpeg", "image/jpeg"), ("webp", "image/webp")] {
                    let path = try #require(variant[key]?.stringValue)
                    let response = try await api.client.execute(uri: path, method: .get)
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    let served = [UInt8](Data(buffer: response.body))
                    let (format, servedWidth, _) = try processor.inspect(served)
                    #expect(format.mediaType == type)
                    #expect(servedWidth == Int(variant["width"]?.intValue ?? 0))
                    // No position, camera or XMP: nothing of where or with what it was taken.
                    let fields = try processor.metadataFields(of: served)
                    #expect(
                        !fields.contains {
                            $0.hasPrefix("exif-ifd3-") || $0.contains("Make") || $0.contains("Model")
                                || $0.hasPrefix("xmp-")
                        }, "\(path): \(fields)")
                    #expect(!String(decoding: served, as: UTF8.self).contains("ExampleCam"))
                    let eTag = try #require(response.headers[.eTag])
                    let again = try await api.client.execute(
                        uri: path, method: .get, headers: [.ifNoneMatch: eTag])
                    #expect(again.status == .notModified)
                }
            }
            // The original as uploaded, under its own address; anything else there is 404.
            let original = try await api.client.execute(uri: url, method: .get)
            #expect(original.status == .ok && [UInt8](Data(buffer: original.body)) == bytes)
            for missing in [
                "/images/\(fingerprint)/harbour-at-dawn-333.jpg", "/images/\(fingerprint)/harbour-at-dawn.png",
                "/images/0123456789abcdef0123/harbour-at-dawn.jpg", "/images/\(fingerprint)/other-name-320.jpg",
            ] {
                #expect(try await api.client.execute(uri: missing, method: .get).status == .notFound, "\(missing)")
            }

            // The same bytes again: the same image, not a second copy.
            let again = try await api.with(token: staff.editor.token).upload(bytes, filename: "copy.jpg")
            #expect(again.code == 201)
            #expect(again.first("images")?["id"] == image["id"])
            #expect(again.first("images")?["url"]?.stringValue == url)
            #expect(try await site.store.recentImages(limit: 10).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func badUploadsAreRefusedClearly(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            let api = api.with(token: staff.author.token)
            let cases: [(file: String, name: String, status: Int, words: String)] = [
                ("text.jpg", "notes.jpg", 415, "not a JPEG, PNG, WebP or GIF"),
                ("drawing.svg", "drawing.svg", 415, "not a JPEG, PNG, WebP or GIF"),
                ("bomb.png", "bomb.png", 422, "megapixels"),
                ("truncated.jpg", "truncated.jpg", 422, "truncated or damaged"),
            ]
            for item in cases {
                let answer = try await api.upload(try ImageFiles.fixture(item.file), filename: item.name)
                #expect(answer.code == item.status, "\(item.file): \(answer.code) \(answer.message)")
                #expect(answer.message.contains(item.words), "\(item.file): \(answer.message)")
                #expect(answer.field == "file")
            }
            let empty = try await api.upload([], filename: "empty.jpg")
            #expect(empty.code == 422 && empty.message.contains("empty"))

            // A PNG named .jpg is what its bytes say: stored as a PNG.
            let png = try await api.upload(try ImageFiles.fixture("alpha.png"), filename: "logo.jpg")
            #expect(png.code == 201)
            #expect(png.first("images")?["url"]?.stringValue?.hasSuffix("/logo.png") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func uploadsOverTheLimitAre413(_ kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, _ in
            // 50 MB against the default limit of 20 MB: refused from its Content-Length.
            let huge = [UInt8](repeating: 0xFF, count: 50 << 20)
            let refused = try await api.with(token: staff.author.token).upload(huge, filename: "huge.jpg")
            #expect(refused.code == 413)
            #expect(refused.message.contains("20 MB"), "\(refused.message)")

            // The limit is a setting: 1 MB refuses a 1.5 MB file that 20 MB took.
            let owner = api.with(token: staff.owner.token)
            let saved = try await owner.call(.put, "/settings", json: #"{"image_max_bytes": 1048576}"#)
            #expect(saved.code == 200)
            #expect(saved["settings"]?["image_max_bytes"]?.intValue == 1_048_576)
            var large = try ImageFiles.demo()
            large += [UInt8](repeating: 0, count: (3 << 19) - large.count)
            let overLimit = try await owner.upload(large, filename: "large.jpg")
            #expect(overLimit.code == 413 && overLimit.message.contains("1.0 MB"), "\(overLimit.message)")
            let small = try await owner.upload(try ImageFiles.demo(), filename: "small.jpg")
            #expect(small.code == 201)
        }
    }

    /// The request body is read as it arrives: without a Content-Length, the upload is refused
    /// once the bytes read pass the limit.
    @Test(arguments: StoreKind.allCases) func streamedBodyIsRefusedAtTheLimit(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let user = try await site.signedIn(.author)
        try await site.serve { client in
            var headers = user.headers(csrf: true)
            headers[.contentType] = "image/jpeg"
            headers[.transferEncoding] = "chunked"
            let body = ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 21 << 20))
            let response = try await client.execute(
                uri: "/api/admin/images?filename=big.jpg", method: .post, headers: headers, body: body)
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test(arguments: StoreKind.allCases) func uploadNeedsStaffAndTheirCSRFToken(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let user = try await site.signedIn(.contributor)
        try await site.serve { client in
            let bytes = ByteBuffer(bytes: try ImageFiles.demo())
            let anonymous = try await client.execute(
                uri: "/api/admin/images", method: .post, headers: [.contentType: "image/jpeg"], body: bytes)
            #expect(anonymous.status == .unauthorized)
            var withoutToken = user.headers()
            withoutToken[.contentType] = "image/jpeg"
            let forged = try await client.execute(
                uri: "/api/admin/images", method: .post, headers: withoutToken, body: bytes)
            #expect(forged.status == .forbidden)
            #expect(try await site.store.recentImages(limit: 5).isEmpty)
            var withToken = user.headers(csrf: true)
            withToken[.contentType] = "image/jpeg"
            let accepted = try await client.execute(
                uri: "/api/admin/images", method: .post, headers: withToken, body: bytes)
            #expect(accepted.status == .created)

            // The library's plain form: multipart, its token inside the body.
            let boundary = "----byline-test"
            func form(csrf: String?) -> ByteBuffer {
                var text = ""
                if let csrf {
                    text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n"
                }
                text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"alpha.png\"\r\n"
                text += "Content-Type: image/png\r\n\r\n"
                var buffer = ByteBuffer(string: text)
                buffer.writeBytes((try? ImageFiles.fixture("alpha.png")) ?? [])
                buffer.writeString("\r\n--\(boundary)--\r\n")
                return buffer
            }
            var multipart = user.headers()
            multipart[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let noToken = try await client.execute(
                uri: "/admin/images", method: .post, headers: multipart, body: form(csrf: nil))
            #expect(noToken.status == .forbidden)
            let wrongToken = try await client.execute(
                uri: "/admin/images", method: .post, headers: multipart, body: form(csrf: "forged"))
            #expect(wrongToken.status == .forbidden)
            #expect(try await site.store.recentImages(limit: 5).count == 1)
            let uploaded = try await client.execute(
                uri: "/admin/images", method: .post, headers: multipart, body: form(csrf: user.csrfToken))
            #expect(uploaded.status == .seeOther)
            let images = try await site.store.recentImages(limit: 5)
            #expect(images.count == 2)
            #expect(uploaded.headers[.location] == "/admin/images/?uploaded=\(images[0].id)")
            let library = try await client.execute(
                uri: "/admin/images/?uploaded=\(images[0].id)", method: .get, headers: user.headers())
            #expect(String(buffer: library.body).contains(images[0].originalPath))
        }
    }
}
