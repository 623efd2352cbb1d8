import Foundation

/// How the Admin API writes and reads times: ISO 8601 in UTC with milliseconds, as Ghost does
/// (`2026-05-28T09:30:00.000Z`). Reading also takes other offsets and whole seconds, so a client
/// may send `2026-05-28T11:30:00+02:00`.
public enum APITimestamp {
    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func string(_ date: Date) -> String {
        date.formatted(withMilliseconds)
    }

    /// The instant `text` names, or nil when it is not an ISO 8601 date-time with a time zone.
    public static func date(_ text: String) -> Date? {
        try? withMilliseconds.parse(text.trimmingCharacters(in: .whitespaces))
    }

    /// Whether two times are the same to the millisecond: what a client read back is compared
    /// with the stored time at the precision the API shows.
    public static func sameInstant(_ a: Date, _ b: Date) -> Bool {
        string(a) == string(b)
    }
}
