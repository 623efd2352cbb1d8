import BylineCore
import BylineStore
import Hummingbird

/// The query of `GET /api/admin/posts`: filters (`status`, `author`, `tag`, `search`) and the
/// page (`page`, `limit`), each checked so a wrong value is a 422 naming it rather than an
/// unfiltered list the client takes for the filtered one.
struct PostListQuery: Equatable {
    static let defaultLimit = 15
    static let maxLimit = 100

    var filter: PostFilter
    var page: PageRequest

    init(_ query: [String: String]) throws {
        func text(_ name: String) -> String? {
            guard let value = query[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let value = text(name) else { return nil }
            guard let number = Int(value), range.contains(number) else {
                throw NewsroomError.invalidField(
                    field: name,
                    reason: range.upperBound == Int.max
                        ? "must be a whole number from \(range.lowerBound)"
                        : "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        var filter = PostFilter()
        if let status = text("status") {
            guard let value = PostStatus(rawValue: status) else {
                let choices = PostStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw NewsroomError.invalidField(field: "status", reason: "must be one of \(choices)")
            }
            filter.status = value
        }
        filter.authorID = try number("author", in: 1...Int.max).map(Int64.init)
        filter.tagSlug = text("tag")?.lowercased()
        filter.search = text("search")
        self.filter = filter
        self.page = PageRequest(
            number: try number("page", in: 1...Int.max) ?? 1,
            perPage: try number("limit", in: 1...Self.maxLimit) ?? Self.defaultLimit)
    }

    init(_ request: Request) throws {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        try self.init(query)
    }
}
