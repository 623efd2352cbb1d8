/// The free preview of a gated post: its body HTML cut after the first few top-level blocks
/// (paragraphs, headings, lists, quotes), or at the cut marker the editor placed. Works on the
/// HTML the Markdown renderer writes (safe mode: no raw HTML from writers), so tags nest
/// properly; when they do not, the cut keeps less rather than more: text a reader is not
/// entitled to must never be sent.
public enum PreviewCut {
    /// Where an editor's explicit cut stands in rendered HTML.
    public static let marker = "<!--byline:preview-ends-->"

    /// Elements without a closing tag: a block by themselves at the top level (`<hr>`).
    static let voidElements: Set<Substring> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// What a gated reader gets.
    public struct Preview: Sendable, Equatable {
        /// The blocks before the cut, as written.
        public var html: String
        /// Whether anything was left out (nothing is, for a body shorter than the preview).
        public var isCut: Bool

        public init(html: String, isCut: Bool) {
            self.html = html
            self.isCut = isCut
        }
    }

    /// The whole blocks before the editor's marker; nil when the body has no marker.
    public static func beforeMarker(_ html: String) -> String? {
        guard let marker = html.range(of: marker) else { return nil }
        // The marker may sit inside a block (the renderer wraps a directive in <p>): keep only
        // whole blocks before it.
        return blocks(String(html[..<marker.lowerBound]))?.complete.joined(separator: "\n") ?? ""
    }

    /// The body up to the marker when there is one, else its first `blocks` top-level blocks.
    public static func preview(_ html: String, blocks count: Int) -> Preview {
        if let before = beforeMarker(html) { return Preview(html: before, isCut: true) }
        guard let split = blocks(html), split.isBalanced else { return Preview(html: "", isCut: true) }
        let kept = split.complete.prefix(max(count, 0))
        return Preview(html: kept.joined(separator: "\n"), isCut: kept.count < split.complete.count)
    }

    /// The top-level blocks of `html`: those closed, and whether the text ended outside any
    /// element (a block left open at the end is left out). Nil when a closing tag has no
    /// opening one: HTML this cannot read.
    static func blocks(_ html: String) -> (complete: [Substring], isBalanced: Bool)? {
        var complete: [Substring] = []
        var depth = 0
        var blockStart: String.Index?
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            guard character == "<" else {
                if depth == 0 && blockStart == nil && !character.isWhitespace { blockStart = index }
                index = html.index(after: index)
                continue
            }
            if html[index...].hasPrefix("<!--") {
                // A comment: no depth; at the top level it belongs to the block it starts.
                guard let end = html[index...].range(of: "-->") else { return nil }
                if depth == 0 && blockStart == nil { blockStart = index }
                index = end.upperBound
                continue
            }
            guard let tagEnd = endOfTag(html, from: index) else { return nil }
            let tag = html[html.index(after: index)..<html.index(before: tagEnd)]
            let isClosing = tag.hasPrefix("/")
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if depth == 0 && blockStart == nil { blockStart = index }
            if isClosing {
                depth -= 1
                if depth < 0 { return nil }
            } else if !voidElements.contains(Substring(name)) && !tag.hasSuffix("/") {
                depth += 1
            }
            index = tagEnd
            if depth == 0, let start = blockStart {
                complete.append(html[start..<index])
                blockStart = nil
            }
        }
        return (complete, depth == 0 && blockStart == nil)
    }

    /// The index after the `>` closing the tag at `start`, quotes respected.
    static func endOfTag(_ html: String, from start: String.Index) -> String.Index? {
        var quote: Character?
        var index = html.index(after: start)
        while index < html.endIndex {
            let character = html[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return html.index(after: index)
            }
            index = html.index(after: index)
        }
        return nil
    }
}
