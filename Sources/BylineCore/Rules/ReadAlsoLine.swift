/// Recognises the `READ ALSO: <title>` line of article files and stored bodies (any case).
public enum ReadAlsoLine {
    /// The title a READ ALSO line points to, or nil when the line is not one.
    public static func title(in line: String) -> String? {
        // Most lines are paragraphs: turn them away by their first bytes, before any Unicode work.
        var bytes = line.utf8.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }.prefix(4).makeIterator()
        for expected in "read".utf8 {
            guard let byte = bytes.next() else { return nil }
            if byte >= 0x80 { break }  // non-ASCII space or letter: the full rule decides
            guard byte | 0x20 == expected else { return nil }
        }
        let trimmed = line.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let label = trimmed[..<colon].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard label.lowercased() == "read also" else { return nil }
        let title = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
        return title.isEmpty ? nil : title
    }
}
