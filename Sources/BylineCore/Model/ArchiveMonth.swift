import Foundation

/// A calendar month of the archive, in the site's time zone.
public struct ArchiveMonth: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month holding `date` in `timeZone`.
    public init(containing date: Date, timeZone: TimeZone) {
        let parts = Self.calendar(timeZone).dateComponents([.year, .month], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1)
    }

    /// Whether the numbers name a real month (for URLs typed by hand).
    public var isValid: Bool { (1...12).contains(month) && (1...9999).contains(year) }

    /// From its first instant to the first instant of the next month, in `timeZone`.
    public func interval(timeZone: TimeZone) -> DateInterval {
        let calendar = Self.calendar(timeZone)
        let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? .distantPast
        let end = calendar.date(byAdding: .month, value: 1, to: start) ?? .distantFuture
        return DateInterval(start: start, end: end)
    }

    public static func < (lhs: ArchiveMonth, rhs: ArchiveMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
