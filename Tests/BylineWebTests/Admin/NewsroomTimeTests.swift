import Foundation
import Testing

@testable import BylineWeb

/// The editor's `datetime-local` fields are read and written in the site's time zone.
@Suite struct NewsroomTimeTests {
    let london = NewsroomTime(timeZone: TimeZone(identifier: "Europe/London")!)

    @Test func fieldsRoundTripInTheSiteZone() throws {
        // 1 July: British Summer Time, UTC+1.
        let date = try #require(london.parseField("2026-07-01T09:30"))
        #expect(date == ISO8601DateFormatter().date(from: "2026-07-01T08:30:00Z"))
        #expect(london.field(date) == "2026-07-01T09:30")
        #expect(london.display(date) == "1 Jul 2026, 09:30")
        // Seconds are allowed; January is GMT.
        #expect(london.parseField("2026-01-05T23:05:59") == ISO8601DateFormatter().date(from: "2026-01-05T23:05:59Z"))
    }

    @Test func unreadableValuesAreRefused() {
        for text in [
            "", "2026-07-01", "2026-02-30T09:00", "2026-13-01T09:00", "2026-07-01T24:00", "tomorrow", "26-07-01T09:00",
        ] {
            #expect(london.parseField(text) == nil, "\(text)")
        }
    }
}
