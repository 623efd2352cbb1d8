import BylineCore
import BylineStore
import Foundation
import HTTPTypes
import Hummingbird

extension AdminMemberPages {
    /// `GET /admin/members/export.csv`: the members the list's filters select (the query string
    /// is the list's), newest first, as CSV (``MemberExport``). Streamed a batch at a time:
    /// 100,000 members never sit in memory at once.
    func export(_ request: Request, _ context: BylineRequestContext) async throws -> Response {
        let user = try user(context)
        if let refused = refusal(user, .manageMembers, "export members", request: request, context: context) {
            return refused
        }
        let store = try store()
        let filter = MemberListFilters(Self.query(request)).storeFilter(newsletters: try await newsletters())
        let body = ResponseBody { writer in
            try await MemberExport.write(store, filter: filter) { text in
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        let day = DateText.iso(env.clock.now()).prefix(10)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"members-\(day).csv\"",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: body)
    }
}
