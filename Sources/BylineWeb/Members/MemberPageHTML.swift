import BylineCore
import Hummingbird

/// The small pages of signup and sign-in ("check your inbox", the confirm button), built in
/// code: they carry one message or one form and no reader content, and are never cached. They
/// use the site theme's stylesheet (its `.members` rules), so they look like the site.
struct MemberPageHTML: Sendable {
    /// The theme stylesheet's fingerprinted path; nil: the pages come unstyled.
    let stylesheet: String?

    /// A whole page; `body` is HTML already escaped by the caller.
    func response(_ status: HTTPResponse.Status = .ok, title: String, body: String, extra: HTTPFields = [:])
        -> Response
    {
        let link = stylesheet.map { "\n<link rel=\"stylesheet\" href=\"\(HTMLEscape.escape($0))\">" } ?? ""
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>\(HTMLEscape.escape(title))</title>\(link)</head>
            <body class="members-page"><header class="members-header"><a href="/">Back to the site</a></header>
            <main class="members"><h1>\(HTMLEscape.escape(title))</h1>
            \(body)
            </main></body></html>

            """
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func message(_ status: HTTPResponse.Status = .ok, title: String, _ text: String) -> Response {
        response(status, title: title, body: "<p>\(HTMLEscape.escape(text))</p>")
    }

    /// A page with one button that POSTs `token` back to `action`: mail scanners fetch links
    /// (GET) but do not press buttons, so a prefetch never uses a single-use link up. The form
    /// carries `returnTo` on, to the redirect that follows the press.
    func confirmButton(
        title: String, text: String, action: String, token: String, button: String, returnTo: ReturnPath? = nil
    ) -> Response {
        response(
            title: title,
            body: """
                <p>\(HTMLEscape.escape(text))</p>
                <form method="post" action="\(HTMLEscape.escape(action))" class="member-form">
                <input type="hidden" name="token" value="\(HTMLEscape.escape(token))">\(Self.returnField(returnTo))
                <button type="submit">\(HTMLEscape.escape(button))</button>
                </form>
                """)
    }

    /// The email form of `/members/signin` (and the 422 page of a bad address). With `returnTo`
    /// (the reader came from a gated article) it carries the path on; `lead` is a line above it.
    func emailForm(
        _ status: HTTPResponse.Status = .ok, title: String, action: String, error: String?, value: String,
        stamp: String, returnTo: ReturnPath? = nil, lead: String? = nil
    ) -> Response {
        let problem = error.map { "<p class=\"error\" data-field=\"email\">email: \(HTMLEscape.escape($0))</p>" } ?? ""
        let leadLine = lead.map { "<p class=\"member-lead\">\(HTMLEscape.escape($0))</p>\n" } ?? ""
        return response(
            status, title: title,
            body: """
                \(leadLine)\(problem)
                <form method="post" action="\(HTMLEscape.escape(action))" class="member-form member-email-form">
                <input type="hidden" name="\(SignupFormStamp.fieldName)" value="\(HTMLEscape.escape(stamp))">\
                \(Self.returnField(returnTo))
                <p class="hp" hidden><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></p>
                <label class="member-field">Email address <input type="email" name="email" \
                value="\(HTMLEscape.escape(value))" required autocomplete="email"></label>
                <button type="submit">Continue</button>
                </form>
                """)
    }

    /// The hidden `return_to` field (with its line break before it), or nothing.
    private static func returnField(_ returnTo: ReturnPath?) -> String {
        guard let returnTo else { return "" }
        return
            "\n<input type=\"hidden\" name=\"\(ReturnPath.fieldName)\" value=\"\(HTMLEscape.escape(returnTo.path))\">"
    }
}
