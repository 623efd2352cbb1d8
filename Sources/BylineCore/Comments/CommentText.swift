/// A comment's text: plain text as a member typed it, cleaned of invisible tricks, checked
/// against the site's limits, and rendered to HTML that carries nothing a reader wrote as markup.
///
/// The rendering escapes every character that HTML gives a meaning to, then adds exactly three
/// things of its own: `<p>` for blank-line-separated paragraphs, `<br>` for single line breaks,
/// and `<a>` around `http://` and `https://` addresses (`rel="nofollow ugc noopener"`: a link in
/// a comment earns no ranking and gets no handle on this page). Nothing else can appear, so a
/// comment's `<script>`, `javascript:` or `onerror=` stays text.
public enum CommentText {
    /// The most characters (grapheme clusters) a comment may have after cleaning.
    public static let maxLength = 5000

    /// `text` with line endings made `\n`, invisible characters removed (controls but tab and
    /// line feed, bidirectional overrides and isolates, zero-width characters), trailing spaces
    /// of each line dropped, more than one blank line made one, and the whole trimmed.
    public static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousCR: continue
            case 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: scalars.append("\n")
            case 0x09, 0x0A: scalars.append(scalar)
            default:
                if !isInvisible(scalar) { scalars.append(scalar) }
            }
        }
        var lines: [Substring] = []
        var blank = 0
        for line in String(scalars).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingTrailingWhitespace()
            if trimmed.isEmpty {
                blank += 1
                if blank > 1 { continue }
            } else {
                blank = 0
            }
            lines.append(trimmed)
        }
        return lines.joined(separator: "\n").trimmingWhitespaceAndNewlines()
    }

    /// Whether `scalar` is removed from a comment: C0 and C1 controls (line feed and tab are
    /// handled before), the bidirectional marks, embeddings, overrides and isolates (U+202E
    /// "RIGHT-TO-LEFT OVERRIDE" makes `exe.txt` read as `txt.exe`), zero-width spaces and
    /// joiners (they split a word such as `javascript` so a filter misses it), the BOM, soft
    /// hyphens and the non-characters.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0xAD, 0x061C, 0x180E: true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// The cleaned text when a member may post it; else why not.
    public static func validated(_ text: String, maxLinks: Int) throws(CommentTextError) -> String {
        let clean = cleaned(text)
        guard !clean.isEmpty else { throw .empty }
        guard clean.count <= maxLength else { throw .tooLong(limit: maxLength) }
        guard linkCount(clean) <= maxLinks else { throw .tooManyLinks(limit: maxLinks) }
        return clean
    }

    /// How many addresses ``html(_:)`` would make links.
    public static func linkCount(_ text: String) -> Int {
        cleaned(text).split(separator: "\n").reduce(0) { count, line in
            count + pieces(Array(line.unicodeScalars)).filter(\.isLink).count
        }
    }

    /// The comment as HTML: paragraphs, line breaks and links, every other character escaped.
    /// The text is cleaned first, so stored text from any source renders the same way.
    public static func html(_ text: String) -> String {
        let paragraphs = cleaned(text).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        return paragraphs.map { paragraph in
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                pieces(Array(line.unicodeScalars)).map(\.html).joined()
            }
            return "<p>" + lines.joined(separator: "<br>\n") + "</p>"
        }.joined(separator: "\n")
    }

    // MARK: Links

    /// A run of a line: text, or an address made a link.
    struct Piece: Equatable {
        var text: String
        var isLink: Bool

        var html: String {
            guard isLink else { return HTMLEscape.escape(text) }
            let escaped = HTMLEscape.escape(text)
            return "<a href=\"\(escaped)\" rel=\"nofollow ugc noopener\">\(escaped)</a>"
        }
    }

    /// One line cut into text and links. An address starts with `http://` or `https://` (any
    /// case) where no letter or digit comes right before it, has something after the `//`, and
    /// runs to the next space or character HTML quotes (`<`, `>`, `"`, `'`, backtick); sentence
    /// punctuation at its end stays text, and so does a closing bracket it did not open.
    static func pieces(_ line: [Unicode.Scalar]) -> [Piece] {
        var pieces: [Piece] = []
        var text = String.UnicodeScalarView()
        var index = 0
        while index < line.count {
            if let end = linkEnd(line, from: index) {
                if !text.isEmpty {
                    pieces.append(Piece(text: String(text), isLink: false))
                    text = String.UnicodeScalarView()
                }
                var link = String.UnicodeScalarView()
                link.append(contentsOf: line[index..<end])
                pieces.append(Piece(text: String(link), isLink: true))
                index = end
            } else {
                text.append(line[index])
                index += 1
            }
        }
        if !text.isEmpty { pieces.append(Piece(text: String(text), isLink: false)) }
        return pieces
    }

    /// Where the address starting at `start` ends (exclusive), or nil when none starts there.
    private static func linkEnd(_ line: [Unicode.Scalar], from start: Int) -> Int? {
        if start > 0, line[start - 1].properties.isAlphabetic || line[start - 1].properties.numericType != nil {
            return nil
        }
        var schemeEnd: Int?
        for scheme in ["http://", "https://"] {
            let scalars = Array(scheme.unicodeScalars)
            guard start + scalars.count <= line.count else { continue }
            let matches = zip(line[start..<(start + scalars.count)], scalars).allSatisfy { typed, wanted in
                Character(typed).lowercased() == String(wanted)
            }
            if matches { schemeEnd = start + scalars.count }
        }
        guard let schemeEnd else { return nil }
        var end = schemeEnd
        while end < line.count, !endsAddress(line[end]) { end += 1 }
        // Trailing punctuation belongs to the sentence; a `)` to the address only when it
        // closes a `(` of the address (Wikipedia's `Swift_(programming_language)`).
        while end > schemeEnd {
            let last = line[end - 1]
            if ".,;:!?*".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" || last == "]" || last == "}" {
                let open: Unicode.Scalar = last == ")" ? "(" : last == "]" ? "[" : "{"
                let slice = line[schemeEnd..<end]
                if slice.filter({ $0 == last }).count > slice.filter({ $0 == open }).count {
                    end -= 1
                } else {
                    break
                }
            } else {
                break
            }
        }
        return end > schemeEnd ? end : nil
    }

    private static func endsAddress(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || "<>\"'`".unicodeScalars.contains(scalar)
    }
}

extension StringProtocol {
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, let last = self[index(before: end)...].first, last == " " || last == "\t" {
            end = index(before: end)
        }
        return Substring(self[startIndex..<end])
    }

    fileprivate func trimmingWhitespaceAndNewlines() -> String {
        let characters = Substring(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
