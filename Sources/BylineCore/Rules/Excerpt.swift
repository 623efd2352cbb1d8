/// Builds the short summary shown in listings and meta descriptions from the body.
public enum Excerpt {
    public static let defaultLength = 200

    /// The first block of a body's plain text (``RenderedMarkdown/plainText``: blocks separated
    /// by blank lines), cut at a word boundary to at most `maxLength` characters, with an
    /// ellipsis when cut.
    public static func make(fromPlainText text: String, maxLength: Int = defaultLength) -> String {
        let first = text.split(separator: "\n\n", maxSplits: 1).first.map(String.init) ?? ""
        return truncate(first.collapsingWhitespace(), to: maxLength)
    }

    public static func truncate(_ text: String, to maxLength: Int) -> String {
        guard text.count > maxLength else { return text }
        let prefix = text.prefix(maxLength)
        let cut = prefix.lastIndex(of: " ").map { prefix[..<$0] } ?? prefix
        let trimmed = cut.trimmingWhitespace()
        let withoutTrailingPunctuation =
            trimmed.hasSuffix(",") || trimmed.hasSuffix(";") || trimmed.hasSuffix(":")
            ? String(trimmed.dropLast()) : trimmed
        return withoutTrailingPunctuation + "…"
    }
}
