import BylineCore

/// Where a list's page sits in the whole, as Ghost's `meta.pagination` has it: `next` and
/// `prev` are page numbers, or null at either end.
struct APIPagination: Encodable {
    let page: Int
    let limit: Int
    let pages: Int
    let total: Int

    init(_ page: Page<some Sendable>) {
        self.page = page.number
        self.limit = page.perPage
        self.pages = page.totalPages
        self.total = page.totalItems
    }

    enum CodingKeys: String, CodingKey {
        case page, limit, pages, total, next, prev
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page, forKey: .page)
        try container.encode(limit, forKey: .limit)
        try container.encode(pages, forKey: .pages)
        try container.encode(total, forKey: .total)
        try container.encode(page < pages ? page + 1 : nil, forKey: .next)
        try container.encode(page > 1 ? min(page - 1, pages) : nil, forKey: .prev)
    }
}
