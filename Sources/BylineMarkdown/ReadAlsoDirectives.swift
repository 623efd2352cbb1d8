import BylineCore

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
        let code = MarkdownCodeLines.numbers(in: markdown)
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
}
