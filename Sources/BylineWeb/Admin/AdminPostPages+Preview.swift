import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

extension AdminPostPages {
    /// `GET /admin/posts/:id/preview`: the post as readers will see it, drawn by the public
    /// theme's article page, whatever its status. Only for this browser (`private, no-cache`),
    /// never put in the page cache (readers must not get a draft), kept out of search engines.
    func preview(_ request: Request, context: BylineRequestContext) async throws -> Response {
        let user = try staff(context)
        return try await orProblemPage(context: context) {
            let post = try await env.newsroom.post(id: try postID(context), for: user)
            let html = try await env.pages.preview(post)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .cacheControl: "private, no-cache",
                    HTTPField.Name("X-Robots-Tag")!: "noindex", HTTPField.Name("X-Frame-Options")!: "SAMEORIGIN",
                    HTTPField.Name("Referrer-Policy")!: "same-origin",
                ],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    /// `POST /admin/preview/markdown` (admin.js, as the writer types): the form field
    /// `markdown` rendered as the body will be, as an HTML fragment.
    func previewMarkdown(_ request: Request, context: BylineRequestContext) async throws -> Response {
        _ = try staff(context)
        let form = try await FormFields.read(request, context: context)
        let markdown = (form["markdown"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        return AdminAnswer.fragment(try await EditorPreview.html(markdown, store: env.store))
    }
}
