/// Recognises the `READ ALSO: <title>` line of article files and stored bodies (any case).
public enum ReadAlsoLine {
    /// The title a READ ALSO line points to, or nil when the line is not one.
    public static func title(in line: String) -> String? {
        let trimmed = line.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let label = trimmed[..<colon].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard label.lowercased() == "read also" else { return nil }
        let title = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
        return title.isEmpty ? nil : title
    }
}
