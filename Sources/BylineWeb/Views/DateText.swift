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

    /// "November 2026".
    func monthLabel(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return "\(Self.monthNames[parts.month! - 1]) \(parts.year!)"
    }

    /// "2026-11".
    func monthID(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    func year(_ date: Date) -> String {
        String(calendar.component(.year, from: date))
    }

    /// RFC 3339 in UTC, for `datetime` attributes and metadata.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
