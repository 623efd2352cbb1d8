/// One page of a paginated listing, with what pagination links need.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// 1-based page number.
    public var number: Int
    public var totalItems: Int
    public var perPage: Int

    public init(items: [Item], number: Int, totalItems: Int, perPage: Int) {
        self.items = items
        self.number = number
        self.totalItems = totalItems
        self.perPage = perPage
    }

    public var totalPages: Int { max(1, (totalItems + perPage - 1) / perPage) }
    public var hasNext: Bool { number < totalPages }
    public var hasPrevious: Bool { number > 1 }
}

/// Which slice of a listing to fetch.
public struct PageRequest: Sendable, Equatable {
    public var number: Int
    public var perPage: Int

    /// The highest page number asked for: a hand-typed `?page=` far past any listing must not
    /// overflow ``offset`` (a trap that would end the server).
    public static let maxNumber = 1 << 31

    public init(number: Int, perPage: Int) {
        self.number = min(max(1, number), Self.maxNumber)
        self.perPage = max(1, perPage)
    }

    public var offset: Int { (number - 1) * perPage }
}
