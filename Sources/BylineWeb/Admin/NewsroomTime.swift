import BylineCore
import Foundation

/// Times as the newsroom shows and reads them: in the site's time zone (a setting), not the
/// server's or the browser's, so "publish at 09:00" means 09:00 where the newsroom is.
struct NewsroomTime: Sendable {
    let calendar: Calendar
    /// The zone's name as the settings give it ("Europe/London", "UTC"), shown beside date fields.
    let zoneName: String

    init(timeZone: TimeZone, name: String? = nil) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.zoneName = name ?? timeZone.identifier
    }

    /// The site's zone from its settings (an unknown name reads as UTC, as pages do).
    init(settings: SiteSettings) {
        let known = TimeZone(identifier: settings.timeZoneIdentifier) != nil
        self.init(timeZone: settings.timeZone, name: known ? settings.timeZoneIdentifier : "UTC")
    }

    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "27 Nov 2026, 14:05": lists and the editor's status line.
    func display(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(parts.day!) \(Self.shortMonths[parts.month! - 1]) \(parts.year!), "
            + "\(Self.twoDigits(parts.hour!)):\(Self.twoDigits(parts.minute!))"
    }

    /// The value of an `<input type="datetime-local">`: "2026-11-27T14:05".
    func field(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(parts.year!)-\(Self.twoDigits(parts.month!))-\(Self.twoDigits(parts.day!))T"
            + "\(Self.twoDigits(parts.hour!)):\(Self.twoDigits(parts.minute!))"
    }

    /// Reads a `datetime-local` value ("2026-11-27T14:05", seconds allowed) as a time in the
    /// site's zone; nil when it is not one. A time skipped by a daylight-saving change is read
    /// as the first time after it.
    func parseField(_ text: String) -> Date? {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let day = halves[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = halves[1].split(separator: ":", omittingEmptySubsequences: false).map { Int(Double($0) ?? -1) }
        guard day.count == 3, (2...3).contains(time.count), halves[0].count == 10,
            let year = day[0], let month = day[1], let dayOfMonth = day[2], (1...12).contains(month),
            (1...31).contains(dayOfMonth), (0...23).contains(time[0]), (0...59).contains(time[1])
        else { return nil }
        let components = DateComponents(
            calendar: calendar, timeZone: calendar.timeZone, year: year, month: month, day: dayOfMonth,
            hour: time[0], minute: time[1], second: time.count == 3 ? max(0, min(59, time[2])) : 0)
        // 31 April would roll over into May: refused rather than moved.
        guard let date = calendar.date(from: components), calendar.component(.month, from: date) == month,
            calendar.component(.day, from: date) == dayOfMonth
        else { return nil }
        return date
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
