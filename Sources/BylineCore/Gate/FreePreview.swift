/// What of a gated post a reader without access gets: the editor's cut when there is one,
/// else its first paragraphs, counting only blocks that hold text (an image or a rule rides
/// along with the paragraph after it), and never the whole text: the last block holding text
/// is always held back, so a short post is not given away whole under a gate.
public enum FreePreview {
    /// The preview HTML of `html` with `paragraphs` blocks of text at most.
    public static func html(_ html: String, paragraphs: Int) -> String {
        if let before = PreviewCut.beforeMarker(html) { return before }
        guard let split = PreviewCut.blocks(html), split.isBalanced else { return "" }
        let blocks = split.complete
        let withText = blocks.indices.filter { !text(of: blocks[$0]).isEmpty }
        let kept = min(max(paragraphs, 0), max(withText.count - 1, 0))
        guard kept > 0 else { return "" }
        return blocks[...withText[kept - 1]].joined(separator: "\n")
    }

    /// The text of preview HTML, blocks with text separated by blank lines, as excerpts are
    /// made from (``Excerpt/make(fromPlainText:maxLength:)``).
    public static func plainText(_ html: String) -> String {
        guard let split = PreviewCut.blocks(html) else { return "" }
        return split.complete.map(text(of:)).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// A block's text: tags and comments left out, the entities the renderer writes decoded,
    /// whitespace collapsed.
    static func text(of block: Substring) -> String {
        var text = ""
        var index = block.startIndex
        while index < block.endIndex {
            guard block[index] == "<" else {
                text.append(block[index])
                index = block.index(after: index)
                continue
            }
            if block[index...].hasPrefix("<!--") {
                guard let end = block[index...].range(of: "-->") else { break }
                index = end.upperBound
                continue
            }
            // A tag: skip to its closing `>`, quotes respected; it separates words.
            var quote: Character?
            index = block.index(after: index)
            while index < block.endIndex {
                let character = block[index]
                index = block.index(after: index)
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == ">" {
                    break
                }
            }
            text += " "
        }
        return decodeEntities(text).collapsingWhitespace()
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                output += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            if let character = character(for: name) {
                output.append(character)
                rest = after[after.index(after: semicolon)...]
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }

    static func character(for name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let isHex = digits.first == "x" || digits.first == "X"
            let value = isHex ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
