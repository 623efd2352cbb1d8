import BylineCore
import CCmarkGFM

/// The READ ALSO directives of a Markdown source, found before it is rendered: each directive
/// line (``ReadAlsoDirective``) outside code blocks becomes a paragraph of its own holding only
/// ``placeholder``, a word the source does not contain, which the HTML then swaps for a marker.
struct ReadAlsoDirectives {
    /// The source with directive lines replaced.
    var source: String
    var titles: [String]
    var placeholder: String

    var isEmpty: Bool { titles.isEmpty }

    static func find(in markdown: String) -> ReadAlsoDirectives {
        var none = ReadAlsoDirectives(source: markdown, titles: [], placeholder: "")
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let candidates = lines.indices.filter { ReadAlsoDirective.title(in: lines[$0]) != nil }
        guard !candidates.isEmpty else { return none }
        // A directive-looking line inside a fenced or indented code block is code.
        let code = codeLines(markdown)
        var placeholder = "BylineReadAlsoPlaceholder"
        while markdown.contains(placeholder) { placeholder += "X" }
        var output: [Substring] = []
        var titles: [String] = []
        for (number, line) in lines.enumerated() {
            if !code.contains(number + 1), let title = ReadAlsoDirective.title(in: line) {
                titles.append(title)
                // Blank lines around it: the directive neither continues nor interrupts a block.
                output += ["", Substring(placeholder), ""]
            } else {
                output.append(line)
            }
        }
        guard !titles.isEmpty else { return none }
        none.source = output.joined(separator: "\n")
        none.titles = titles
        none.placeholder = placeholder
        return none
    }

    /// The 1-based numbers of the source lines inside code blocks.
    private static func codeLines(_ markdown: String) -> Set<Int> {
        guard let document = MarkdownRenderer.parse(markdown) else { return [] }
        defer {
            cmark_node_free(document.root)
            cmark_parser_free(document.parser)
        }
        var lines: Set<Int> = []
        let iterator = cmark_iter_new(document.root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else { continue }
            let first = Int(cmark_node_get_start_line(node))
            let last = Int(cmark_node_get_end_line(node))
            if first <= last { lines.formUnion(first...last) }
        }
        return lines
    }
}
