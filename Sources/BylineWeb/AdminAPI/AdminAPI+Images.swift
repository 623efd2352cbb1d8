import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/admin/images`: an upload, as the raw body (`Content-Type: image/...`, the name in
/// `?filename=` or `Content-Disposition`) or as `multipart/form-data` with a `file` field.
extension AdminAPI {
    @Sendable func uploadImage(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        guard let uploads = env.images else { throw NewsroomError.notFound("image uploads") }
        let maxBytes = try await env.pages.chrome.current().settings.images.maxBytes
        do {
            let (bytes, filename) = try await Self.uploadedFile(request, maxBytes: maxBytes)
            let image = try await uploads.upload(bytes, filename: filename, maxBytes: maxBytes, by: user.id)
            return one(
                "images", APIImage(image, publicURL: env.publicURL), status: .created,
                headers: [.location: image.originalPath])
        } catch let refusal as ImageUploads.Refusal {
            throw AdminAPIError(status: refusal.status, message: refusal.message, field: "file")
        }
    }

    /// The file's bytes and name from either body shape, read within `maxBytes`.
    static func uploadedFile(_ request: Request, maxBytes: Int) async throws -> (bytes: [UInt8], filename: String) {
        if let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) {
            // The form's own lines around the file: a few hundred bytes, allowed on top.
            let body = try await ImageUploads.body(of: request, maxBytes: maxBytes + 16 * 1024)
            guard let form = MultipartForm(body, boundary: boundary), let file = form["file"] else {
                throw ImageUploads.Refusal(
                    status: .badRequest, message: "The form has no file field named \"file\".")
            }
            return (Array(file.bytes), file.filename ?? "image")
        }
        let bytes = try await ImageUploads.body(of: request, maxBytes: maxBytes)
        return (bytes, filename(request) ?? "image")
    }

    /// `?filename=`, else the `filename` of a `Content-Disposition` header.
    static func filename(_ request: Request) -> String? {
        if let name = request.uri.queryParameters.get("filename"), !name.isEmpty { return name }
        guard let disposition = request.headers[HTTPField.Name("Content-Disposition")!] else { return nil }
        for parameter in disposition.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "filename" else { continue }
            let value = pair[1].trimmingWhitespace()
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }
}

extension AdminAPI {
    /// `feature_image` may name an uploaded image by its id (a number, as the upload answered):
    /// it is saved as that image's address, which is what posts keep. An id that names no
    /// image is 422 on the field.
    func imageIDsAsAddresses(_ fields: JSONFields) async throws -> JSONFields {
        guard case .number(let number)? = fields.values["feature_image"] else { return fields }
        guard let id = Int64(exactly: number), id > 0,
            let image = try await (env.store as? any ImageStoring)?.image(id: id)
        else {
            throw NewsroomError.invalidField(field: "feature_image", reason: "names no uploaded image")
        }
        var values = fields.values
        values["feature_image"] = .string(image.originalPath)
        return JSONFields(values: values)
    }
}
