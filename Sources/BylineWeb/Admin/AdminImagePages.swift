import BylineCore
import BylineImages
import BylineStore
import Foundation
import Hummingbird

/// `/admin/images/`: the image library. Upload an image with a plain form (no JavaScript
/// needed: the editor links here), see the newest ones with the address to paste into a feature
/// image, a picture or a setting, and the Markdown that shows one in a body.
struct AdminImagePages: Sendable {
    let env: NewsroomEnvironment

    static let path = "/admin/images"

    func register(on group: RouterGroup<BylineRequestContext>) {
        group.get("images", use: library)
        group.post("images", use: upload)
    }

    @Sendable func library(_ request: Request, context: BylineRequestContext) async throws -> Response {
        try await page(request, context, uploaded: request.uri.queryParameters.get("uploaded").flatMap { Int64($0) })
    }

    /// A `multipart/form-data` post with `_csrf` and `file`. The CSRF token travels inside the
    /// multipart body, which ``CSRFMiddleware`` does not read (it would have to hold the whole
    /// upload), so it is checked here, before anything is stored.
    @Sendable func upload(_ request: Request, context: BylineRequestContext) async throws -> Response {
        guard let user = context.staff, let uploads = env.images else {
            return ErrorAnswer.text(.notFound, "Not found")
        }
        let maxBytes = try await env.pages.chrome.current().settings.images.maxBytes
        do {
            guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
                throw ImageUploads.Refusal(
                    status: .unsupportedMediaType, message: "Send the form as multipart/form-data with a file.")
            }
            let body = try await ImageUploads.body(of: request, maxBytes: maxBytes + 16 * 1024)
            guard let form = MultipartForm(body, boundary: boundary) else {
                throw ImageUploads.Refusal(status: .badRequest, message: "The form could not be read.")
            }
            guard let expected = context.csrfToken, let sent = form["_csrf"]?.text,
                SecretToken.equal(sent, expected)
            else {
                return ErrorAnswer.text(
                    .forbidden,
                    "The form has expired or did not come from this site (missing CSRF token). Reload the page and try again."
                )
            }
            guard let file = form["file"], !file.bytes.isEmpty else {
                throw ImageUploads.Refusal(status: .unprocessableContent, message: "Choose an image file to upload.")
            }
            let image = try await uploads.upload(
                Array(file.bytes), filename: file.filename ?? "image", maxBytes: maxBytes, by: user.id)
            return AdminAnswer.seeOther("\(Self.path)/?uploaded=\(image.id)")
        } catch let refusal as ImageUploads.Refusal {
            return try await page(request, context, uploaded: nil, refusal: refusal)
        }
    }

    private func page(
        _ request: Request, _ context: BylineRequestContext, uploaded: Int64?, refusal: ImageUploads.Refusal? = nil
    ) async throws -> Response {
        let store = env.store as? any ImageStoring
        let recent = try await store?.recentImages(limit: 60) ?? []
        var justUploaded: [[String: Any]]?
        if let uploaded, let image = try await store?.image(id: uploaded) { justUploaded = [Self.row(image)] }
        var values: [String: Any] = [
            "images": recent.map(Self.row), "hasImages": !recent.isEmpty, "navImages": true,
            "maxSize": ImageError.megabytes(try await env.pages.chrome.current().settings.images.maxBytes),
        ]
        if let justUploaded { values["uploaded"] = justUploaded }
        if let refusal { values["error"] = refusal.message }
        return env.adminTheme.page(
            "images", title: "Images", values, context: context, status: refusal?.status ?? .ok)
    }

    static func row(_ image: StoredImage) -> [String: Any] {
        [
            "id": String(image.id), "url": image.originalPath,
            "thumbnail": image.variantPath(width: image.variantWidth(closestTo: 320), format: "jpg"),
            "size": "\(image.width) × \(image.height)", "markdown": "![Describe the image](\(image.originalPath))",
        ]
    }
}
