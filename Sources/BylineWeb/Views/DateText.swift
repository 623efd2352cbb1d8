import BylineCore
import Foundation

/// Dates as the site shows them, in the site's time zone, without a locale-dependent formatter.
struct DateText: Sendable {
    let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// "26 November 2026".
    func display(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day!) \(Self.monthNames[parts.month! - 1]) \(parts.year!)"
    }

    /// "November" for 11.
    static func monthName(_ month: Int) -> String {
        monthNames[min(max(month, 1), 12) - 1]
    }

    /// "November 2026".
    static func monthLabel(_ month: ArchiveMonth) -> String {
        "\(monthName(month.month)) \(month.year)"
    }

    func year(_ date: Date) -> String {
        String(calendar.component(.year, from: date))
    }

    /// RFC 3339 in UTC, for `datetime` attributes and metadata.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
