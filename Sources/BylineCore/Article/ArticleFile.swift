/// An article as read from a text file, before it is stored.
public struct ArticleFile: Sendable, Equatable {
    public var title: String
    public var authorName: String
    public var statedReadingMinutes: Int?
    /// The `Date:` line as a calendar day; nil means "now" at import.
    public var date: CalendarDay?
    /// The `Tags:` line's tags; nil when the file has no such line (a re-import keeps the post's tags).
    public var tags: [String]?
    /// Plain text: its `*`, `_` and `<` show as written (``TextBody/markdown``).
    public var body: TextBody
    /// The page-chrome lines dropped from the body ("Share This Article"), as written, in order.
    public var droppedChrome: [String]
    /// The `Image:` line's path, as written (relative to the file); nil when there is none.
    public var imagePath: String?
    /// The `Image-Alt:` line; nil when there is none.
    public var imageAlt: String?

    public init(
        title: String, authorName: String, statedReadingMinutes: Int?, date: CalendarDay?,
        tags: [String]?, body: TextBody, droppedChrome: [String] = []
    ) {
        self.title = title
        self.authorName = authorName
        self.statedReadingMinutes = statedReadingMinutes
        self.date = date
        self.tags = tags
        self.body = body
        self.droppedChrome = droppedChrome
    }
}

/// A date without time or zone, as written in `Date: YYYY-MM-DD`.
public struct CalendarDay: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...9999).contains(year), (1...12).contains(month), (1...daysInMonth[month - 1]).contains(day)
        else { return nil }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        if month == 2, day == 29, !isLeap { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
