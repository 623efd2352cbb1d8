/// Where an automatic READ ALSO goes in a body's HTML: after about a third of its top-level
/// text paragraphs, as editors place theirs (the seed article's sits after the 4th of 13), and
/// only in long bodies, where a reader would otherwise scroll far without one.
///
/// Only `<p>` elements at the top level count and only their ends are insertion points: never
/// inside a list, a quote, a table or code, where a paragraph of our own would break the block.
public enum ReadAlsoPlacement {
    /// Shorter bodies get no automatic link: it would sit right under the headline or the end.
    public static let minimumParagraphs = 6

    /// Elements that hold other blocks: a `<p>` inside one is not a top-level paragraph.
    static let containers: Set<Substring> = [
        "blockquote", "ul", "ol", "li", "pre", "table", "div", "details", "figure", "section", "aside", "dl",
    ]

    /// `html` with `block` inserted after about a third of its top-level text paragraphs; nil
    /// when it has fewer than ``minimumParagraphs``.
    public static func insert(_ block: String, into html: String, minimumParagraphs: Int = minimumParagraphs)
        -> String?
    {
        let ends = paragraphEnds(in: html)
        guard ends.count >= max(minimumParagraphs, 1) else { return nil }
        let after = max(1, Int((Double(ends.count) / 3).rounded()))
        var position = ends[after - 1]
        // Keep the block on a line of its own, as the renderer writes blocks.
        var prefix = ""
        if position < html.endIndex, html[position] == "\n" {
            position = html.index(after: position)
        } else {
            prefix = "\n"
        }
        return String(html[..<position]) + prefix + block + "\n" + String(html[position...])
    }

    /// How many top-level text paragraphs `html` has.
    public static func paragraphCount(in html: String) -> Int { paragraphEnds(in: html).count }

    /// The index just after each top-level text paragraph's `</p>`, in order. A paragraph with
    /// attributes (`<p class="read-also">`, ours) or without text (an image alone) does not count.
    static func paragraphEnds(in html: String) -> [String.Index] {
        var ends: [String.Index] = []
        var depth = 0
        var openParagraph: (start: String.Index, counts: Bool)?
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            if html[open...].hasPrefix("<!--") {
                guard let close = html[open...].firstRange(of: "-->") else { break }
                index = close.upperBound
                continue
            }
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = html[html.index(after: open)..<close]
            let closing = tag.hasPrefix("/")
            let name = (closing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }.lowercased()
            let afterTag = html.index(after: close)
            if containers.contains(Substring(name)) {
                if closing {
                    depth = max(0, depth - 1)
                } else if !tag.hasSuffix("/") {
                    depth += 1
                }
            } else if name == "p", depth == 0 {
                if !closing {
                    // A bare `<p>` is text the body's author wrote; one with attributes is ours.
                    openParagraph = (afterTag, tag == "p")
                } else if let paragraph = openParagraph {
                    if paragraph.counts, hasText(html[paragraph.start..<open]) { ends.append(afterTag) }
                    openParagraph = nil
                }
            }
            index = afterTag
        }
        return ends
    }

    /// Whether a paragraph's inner HTML has any text outside its tags.
    static func hasText(_ inner: Substring) -> Bool {
        var inTag = false
        for character in inner {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag, !character.isWhitespace {
                return true
            }
        }
        return false
    }
}
