import BylineCore
import BylineStore
import Hummingbird

extension AdminMemberPages {
    /// Members shown per page of the list.
    static let membersPerPage = 50

    /// `GET /admin/members/`: newest first, with search, filters, the total and pages.
    func listPage(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .viewMembers, "see the members", request: request, context: context) {
            return refused
        }
        let query = Self.query(request)
        let filters = MemberListFilters(query)
        let newsletters = try await newsletters()
        let page = try await store().memberListing(
            filters.storeFilter(newsletters: newsletters),
            PageRequest(number: filters.page, perPage: Self.membersPerPage))
        let view = MemberListView(
            page: page, filters: filters, newsletters: newsletters,
            time: NewsroomTime(settings: try await env.store.settings()))
        var values: [String: Any] = [
            "list": view, "canManage": NewsroomPermissions.allows(user.role, .manageMembers),
        ]
        if let notice = Self.importNotice(query) { values["notice"] = notice }
        return render("members", title: "Members", values, request: request, context: context)
    }

    /// What the list says after an import redirected to it (`?imported=3&existing=1&skipped=2`):
    /// numbers only, so a link cannot make the newsroom show text of its choosing.
    static func importNotice(_ query: [String: String]) -> String? {
        if query["removed"] == "1" { return "Removed 1 member. They no longer read members-only posts." }
        guard let added = query["imported"].flatMap({ Int($0) }) else { return nil }
        let existing = query["existing"].flatMap { Int($0) } ?? 0
        let skipped = query["skipped"].flatMap { Int($0) } ?? 0
        var sentence = "Imported \(added) \(added == 1 ? "member" : "members")."
        if existing > 0 { sentence += " Already on file, left unchanged: \(existing)." }
        if skipped > 0 { sentence += " Rows with errors, skipped: \(skipped)." }
        return sentence + " No email was sent."
    }
}
