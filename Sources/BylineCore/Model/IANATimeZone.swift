import Foundation

/// Which time zone names the settings accept: IANA names ("Europe/London", "UTC") only, never
/// offsets like "GMT+5", which ignore daylight saving and so put scheduled posts an hour off
/// for half the year.
public enum IANATimeZone {
    public static func isValid(_ name: String) -> Bool {
        if name == "UTC" { return true }
        if name.hasPrefix("GMT+") || name.hasPrefix("GMT-") { return false }
        // Foundation also resolves offsets and abbreviations under other names; an IANA name
        // resolves to itself.
        return TimeZone(identifier: name)?.identifier == name
    }
}
