import BylineCore
import BylineStore
import Hummingbird

/// `/admin/members/import`: paste a CSV, see what importing it would do (nothing is written),
/// then import it. The preview's button posts the same text back, so what is imported is what
/// was previewed. The form is a text area: a file input would need a multipart body, which the
/// newsroom's CSRF check does not read (a spreadsheet's CSV pastes as it is).
extension AdminMemberPages {
    /// `GET /admin/members/import`: the form.
    func importPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .manageMembers, "import members", request: request, context: context) {
            return refused
        }
        return try await importForm(request, context, csv: "", confirmed: false)
    }

    /// `POST /admin/members/import/preview`: what an import would do, and its errors by line.
    func previewImport(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let (file, csv, confirmed): (MemberImport, String, Bool)
        switch try await readImport(request, context) {
        case .answered(let response): return response
        case .parsed(let parsed, let text, let consent): (file, csv, confirmed) = (parsed, text, consent)
        }
        let names = try await store().memberNames(emailKeys: file.rows.map { SignupRules.emailKey($0.email) })
        let preview = MemberImportPreview(csv: csv, confirmed: confirmed, file: file, existingNames: names)
        return render(
            "members-import-preview", title: "Import members: preview", ["preview": preview], request: request,
            context: context)
    }

    /// `POST /admin/members/import`: imports the rows without errors, then back to the list
    /// with what it did (303, so reloading imports nothing twice).
    func runImport(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let (file, confirmed): (MemberImport, Bool)
        switch try await readImport(request, context) {
        case .answered(let response): return response
        case .parsed(let parsed, _, let consent): (file, confirmed) = (parsed, consent)
        }
        let result = try await store().importMembers(file.rows, confirmed: confirmed)
        let skipped = file.problems.count + result.problems.count
        let location = "/admin/members/?imported=\(result.added)&existing=\(result.existing)&skipped=\(skipped)"
        return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The form, with what was typed and, after a file that cannot be read, why (422).
    func importForm(
        _ request: Request, _ context: BylineRequestContext, csv: String, confirmed: Bool, error: String? = nil
    ) async throws -> Response {
        let newsletters = try await newsletters().map { newsletter -> [String: Any] in
            ["slug": newsletter.slug, "name": newsletter.name, "active": newsletter.active]
        }
        return render(
            "members-import", title: "Import members",
            ["csv": csv, "confirmed": confirmed, "newsletters": newsletters, "hasNewsletters": !newsletters.isEmpty],
            request: request, context: context, error: error, status: error == nil ? .ok : .unprocessableContent)
    }

    /// What an import form posts, read and parsed; or the answer when the user may not import
    /// or the file does not parse (the form again, with the reason and the text kept).
    enum ImportSubmission {
        case parsed(MemberImport, csv: String, confirmed: Bool)
        case answered(Response)
    }

    func readImport(_ request: Request, _ context: BylineRequestContext) async throws -> ImportSubmission {
        let user = try user(context)
        if let refused = refusal(user, .manageMembers, "import members", request: request, context: context) {
            return .answered(refused)
        }
        let form = try await form(request, context)
        let csv = form["csv"] ?? ""
        let confirmed = form["confirmed"] != nil
        do {
            return .parsed(try MemberImport(csv, newsletters: try await newsletters()), csv: csv, confirmed: confirmed)
        } catch let error as MemberImportFileError {
            return .answered(
                try await importForm(request, context, csv: csv, confirmed: confirmed, error: error.description))
        }
    }
}
