/// What a reader typed into the search box, parsed: words that must all appear, "quoted
/// phrases" whose words must appear in that order, and `-word` exclusions. Only words are kept
/// (``SearchText``): punctuation and operators of any query language are separators, so the
/// stores build their engine's query from these words and never from the text as typed.
public struct SearchQuery: Sendable, Equatable {
    /// One thing a post must contain (or, excluded, must not).
    public enum Term: Sendable, Equatable {
        /// One lowercased word.
        case word(String)
        /// Lowercased words in this order; a typed `e-mail` or `U.S.` is one too.
        case phrase([String])

        public var words: [String] {
            switch self {
            case .word(let word): [word]
            case .phrase(let words): words
            }
        }

        /// A quoted phrase, not one word.
        public var isPhrase: Bool {
            if case .phrase = self { return true }
            return false
        }
    }

    /// The longest text considered, in characters; the rest is ignored and the reader told.
    public static let maxLength = 200
    /// The most words considered; later ones are ignored and the reader told.
    public static let maxWords = 12

    /// The text as typed, trimmed and cut to ``maxLength``: what the search box shows again.
    public var text: String
    /// Every one must match (AND).
    public var required: [Term]
    /// None may match.
    public var excluded: [Term]
    /// Whether part of the typed text was left out (too long, too many words).
    public var isShortened: Bool

    public init(text: String, required: [Term], excluded: [Term] = [], isShortened: Bool = false) {
        self.text = text
        self.required = required
        self.excluded = excluded
        self.isShortened = isShortened
    }

    /// Nothing to search for: no required word (an exclusion alone selects everything).
    public var isEmpty: Bool { required.isEmpty }

    /// The words of the required terms, folded (``SearchText/fold(_:)``), for highlighting.
    public var highlightedWords: Set<String> { Set(required.flatMap(\.words).map(SearchText.fold)) }

    /// Parses `typed`: `"..."` (straight or curly quotes) is a phrase, an unclosed quote runs to
    /// the end; outside quotes, whitespace separates terms and a leading `-` excludes one.
    public static func parse(_ typed: String) -> SearchQuery {
        let trimmed = typed.trimmingWhitespace()
        var shortened = trimmed.count > maxLength
        let text = shortened ? String(trimmed.prefix(maxLength)).trimmingWhitespace() : trimmed
        var required: [Term] = []
        var excluded: [Term] = []
        var wordCount = 0
        func add(_ chunk: Substring, quoted: Bool) {
            var chunk = chunk
            var isExcluded = false
            if !quoted, chunk.hasPrefix("-"), chunk.count > 1 {
                isExcluded = true
                chunk = chunk.dropFirst()
            }
            var words = SearchText.words(String(chunk))
            guard !words.isEmpty else { return }
            let room = maxWords - wordCount
            if words.count > room {
                shortened = true
                words = Array(words.prefix(room))
            }
            guard !words.isEmpty else { return }
            wordCount += words.count
            let term: Term = words.count == 1 ? .word(words[0]) : .phrase(words)
            if isExcluded {
                if !excluded.contains(term) { excluded.append(term) }
            } else if !required.contains(term) {
                required.append(term)
            }
        }
        var index = text.startIndex
        var chunkStart: String.Index?
        while index < text.endIndex {
            let character = text[index]
            if isQuote(character) {
                if let start = chunkStart { add(text[start..<index], quoted: false) }
                chunkStart = nil
                let inner = text.index(after: index)
                let close = text[inner...].firstIndex(where: isQuote) ?? text.endIndex
                add(text[inner..<close], quoted: true)
                index = close < text.endIndex ? text.index(after: close) : close
                continue
            }
            if character.isWhitespace {
                if let start = chunkStart { add(text[start..<index], quoted: false) }
                chunkStart = nil
            } else if chunkStart == nil {
                chunkStart = index
            }
            index = text.index(after: index)
        }
        if let start = chunkStart { add(text[start...], quoted: false) }
        return SearchQuery(text: text, required: required, excluded: excluded, isShortened: shortened)
    }

    static func isQuote(_ character: Character) -> Bool {
        character == "\"" || character == "\u{201C}" || character == "\u{201D}" || character == "\u{201E}"
    }
}
