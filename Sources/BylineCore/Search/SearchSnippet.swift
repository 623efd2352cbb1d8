/// The few lines of a search result under its title: a window of the post's plain text around
/// the first words the reader searched for, as HTML built here and nowhere else: the text is
/// escaped first, then `<mark>` is put around the matching words, so neither the post's text
/// nor the query can ever bring markup of its own.
public enum SearchSnippet {
    /// Characters of text shown, about two lines of a result.
    public static let defaultLength = 240

    /// Escaped HTML of `text` around the first word matching `words` (folded, see
    /// ``SearchText``), each matching word in `<mark>`; the start of `text` when none matches.
    public static func html(_ text: String, highlighting words: Set<String>, length: Int = defaultLength) -> String {
        // A match usually lies near the start of a body: its first bytes are tried first, so a
        // page of results does not collapse and scan ten whole bodies for ten short windows.
        if text.utf8.count > prefixBytes * 2,
            let html = window(
                String(decoding: text.utf8.prefix(prefixBytes), as: UTF8.self), words, length, isWhole: false)
        {
            return html
        }
        return window(text, words, length, isWhole: true) ?? ""
    }

    /// Bytes of a long text tried before the whole of it (``html(_:highlighting:length:)``).
    static let prefixBytes = 4_096

    /// The snippet of `text`; when `text` is only the start of the text (not `isWhole`), nil
    /// unless a match lies in it and a word ends after the window, so the snippet is the one
    /// the whole text gives.
    static func window(_ text: String, _ words: Set<String>, _ length: Int, isWhole: Bool) -> String? {
        let text = text.collapsingWhitespace()
        guard !text.isEmpty else { return "" }
        // Words are read (and folded) only as far as the window needs: up to the first match,
        // then to the window's end, not through the rest of a long body.
        var ranges: [Range<String.Index>] = []
        var cursor = text.startIndex
        var first: Range<String.Index>?
        while let range = SearchText.nextWordRange(in: text, from: &cursor) {
            ranges.append(range)
            if matches(SearchText.fold(String(text[range])), words) {
                first = range
                break
            }
        }
        if !isWhole, first == nil { return nil }
        var start = text.startIndex
        if let first {
            // Some words before the first match, for context, starting at a word.
            let lead = text.distance(from: text.startIndex, to: first.lowerBound)
            if lead > length / 4 {
                let target = text.index(first.lowerBound, offsetBy: -(length / 4))
                start = ranges.first { $0.lowerBound >= target }?.lowerBound ?? first.lowerBound
            }
        }
        let limit = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        while let last = ranges.last, last.upperBound <= limit,
            let range = SearchText.nextWordRange(in: text, from: &cursor)
        {
            ranges.append(range)
        }
        // The start of a text must hold a word past the window: the window then ends where the
        // whole text's does (a word the cut split is past it, and never shown).
        if !isWhole, (ranges.last?.upperBound ?? text.endIndex) <= limit { return nil }
        // End at a word's end rather than inside it.
        var end = limit
        if limit < text.endIndex, let last = ranges.last(where: { $0.upperBound <= limit && $0.lowerBound >= start }) {
            end = last.upperBound
        }
        let marked = ranges.filter {
            $0.lowerBound >= start && $0.upperBound <= end && matches(SearchText.fold(String(text[$0])), words)
        }
        var html = start > text.startIndex ? "…" : ""
        cursor = start
        for range in marked {
            html += HTMLEscape.escape(String(text[cursor..<range.lowerBound]))
            html += "<mark>" + HTMLEscape.escape(String(text[range])) + "</mark>"
            cursor = range.upperBound
        }
        html += HTMLEscape.escape(String(text[cursor..<end]))
        if end < text.endIndex { html += "…" }
        return html
    }

    /// Whether a folded word of the text answers one of the searched `words`: the same word, or
    /// one that begins with it (the stores match stems: "budgets" for "budget").
    static func matches(_ word: String, _ words: Set<String>) -> Bool {
        if words.contains(word) { return true }
        return words.contains { $0.count >= 3 && word.hasPrefix($0) }
    }
}
