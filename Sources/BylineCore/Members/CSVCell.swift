/// Writing CSV (RFC 4180) that spreadsheets open safely: fields quoted when they need it,
/// records ended by CRLF.
public enum CSVCell {
    /// `text` as one field. A field holding a comma, a quote or a line break is quoted, its
    /// quotes doubled.
    ///
    /// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
    /// `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, and a
    /// member's name is typed by anyone who signs up. Such a cell gets a leading apostrophe
    /// (`'=1+1`), which spreadsheets show as text; the apostrophe is visible in other readers,
    /// a small price for a file that cannot run anything when an editor opens it.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, formulaStarts.contains(first) { value = "'" + value }
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the fields joined by commas, ended by CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// `text` as written before ``field(_:)`` guarded it: a leading apostrophe before a formula
    /// character is dropped, so an export reads back as it was (no address or name starts with
    /// an apostrophe followed by one of those).
    public static func unguarded(_ text: String) -> String {
        var scalars = text.unicodeScalars
        guard scalars.first == "'", scalars.count > 1,
            formulaStarts.contains(scalars[scalars.index(after: scalars.startIndex)])
        else { return text }
        scalars.removeFirst()
        return String(scalars)
    }

    private static let needsQuotes: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
