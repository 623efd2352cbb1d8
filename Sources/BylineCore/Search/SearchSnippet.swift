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
    /// - Parameter skipping: whether ASCII text may skip to its first possible match
    ///   (``scanStart(_:_:lead:)``); the snippet is the same either way.
    static func window(
        _ text: String, _ words: Set<String>, _ length: Int, isWhole: Bool, skipping: Bool = true
    ) -> String? {
        let text = text.collapsingWhitespace()
        guard !text.isEmpty else { return "" }
        // Words are read (and folded) only as far as the window needs: up to the first match,
        // then to the window's end, not through the rest of a long body.
        var ranges: [Range<String.Index>] = []
        var cursor = text.startIndex
        var first: Range<String.Index>?
        var seeking = true
        let scanStart = skipping ? scanStart(text, words, lead: length / 4) : nil
        switch scanStart {
        case .some(.from(let index)): cursor = index
        case .some(.nowhere): seeking = false
        case nil: break
        }
        while seeking, let range = SearchText.nextWordRange(in: text, from: &cursor) {
            ranges.append(range)
            if matches(SearchText.fold(String(text[range])), words) {
                first = range
                break
            }
        }
        if !isWhole, first == nil { return nil }
        if first == nil, case .some(.from) = scanStart {
            // No match past a skip (a searched word only inside others): the window is the
            // text's start, whose words the skip passed over.
            ranges = []
            cursor = text.startIndex
        }
        var start = text.startIndex
        if let first {
            // Some words before the first match, for context, starting at a word.
            // More than `length / 4` characters before it (counted no further than that).
            let quarter = text.index(text.startIndex, offsetBy: length / 4, limitedBy: first.lowerBound)
            if let quarter, quarter < first.lowerBound {
                let target = text.index(first.lowerBound, offsetBy: -(length / 4))
                start = ranges.first { $0.lowerBound >= target }?.lowerBound ?? first.lowerBound
            }
        }
        let limit = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        while ranges.last.map({ $0.upperBound <= limit }) ?? true,
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

    /// Where the word-by-word search for the first match may begin (``window(_:_:_:isWhole:skipping:)``).
    enum ScanStart: Equatable {
        /// At this word boundary: no word before it matches.
        case from(String.Index)
        /// No word of the text matches.
        case nowhere
    }

    /// Where `text`'s first match can be, found in its bytes rather than word by word (which,
    /// each word folded, cost a search page most of its time for long bodies). A matching word
    /// folds to a searched word or one it begins (``matches(_:_:)``), and folding only
    /// lowercases ASCII: so an ASCII matching word starts where a searched word occurs in the
    /// bytes, letter case aside, and any other holds a non-ASCII character. No word before the
    /// first such place matches; typographic quotes and dashes never belong to a word and are
    /// passed over. The scan begins at a word boundary `lead` characters (or more) before the
    /// word holding that place, so the words the window shows before its match are the ones a
    /// scan from the start reads. Nil when the text's bytes cannot be read in place.
    static func scanStart(_ text: String, _ words: Set<String>, lead: Int) -> ScanStart? {
        let searched = words.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.allSatisfy { $0 < 0x80 } }
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var earliest = bytes.count
            var at = 0
            while at < bytes.count {
                if bytes[at] < 0x80 {
                    at += 1
                } else if isTypographicPunctuation(bytes, at) {
                    at += 3
                } else {
                    earliest = at
                    break
                }
            }
            for word in searched {
                var start = 0
                while start + word.count <= min(bytes.count, earliest + word.count - 1) {
                    var matched = 0
                    while matched < word.count, lowercased(bytes[start + matched]) == word[matched] { matched += 1 }
                    if matched == word.count {
                        earliest = start
                        break
                    }
                    start += 1
                }
            }
            return earliest
        }
        guard let found else { return nil }
        guard found < text.utf8.count else { return .nowhere }
        // Back to the start of the word holding that place, `lead` characters and one more,
        // and on to a word boundary.
        var index = text.utf8.index(text.utf8.startIndex, offsetBy: found)
        func backToWordStart() {
            while index > text.startIndex, SearchText.isWordCharacter(text[text.index(before: index)]) {
                index = text.index(before: index)
            }
        }
        backToWordStart()
        index = text.index(index, offsetBy: -(lead + 1), limitedBy: text.startIndex) ?? text.startIndex
        backToWordStart()
        return .from(index)
    }

    /// Whether the bytes at `at` are ‘ ’ “ ” – — or …, characters a word never holds.
    private static func isTypographicPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80 else { return false }
        switch bytes[at + 2] {
        case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6: return true
        default: return false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether a folded word of the text answers one of the searched `words`: the same word, or
    /// one that begins with it (the stores match stems: "budgets" for "budget").
    static func matches(_ word: String, _ words: Set<String>) -> Bool {
        if words.contains(word) { return true }
        return words.contains { $0.count >= 3 && word.hasPrefix($0) }
    }
}
