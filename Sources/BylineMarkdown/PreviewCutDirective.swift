import BylineCore

/// The editor's cut in a Markdown body: a line of its own `<!--more-->` (WordPress's
/// convention; `<!-- more -->` and any case too) ends the free preview a gated post shows.
/// Found before the body is rendered, like ``ReadAlsoDirectives``: the first such line outside
/// code blocks (and raw HTML blocks) becomes a paragraph holding only ``placeholder``, a word the source does not
/// contain, which the HTML then swaps for ``PreviewCut/marker`` at the top level. Later cut
/// lines are dropped (one preview, one cut); everything else that looks like HTML is still
/// shown as text.
public struct PreviewCutDirective {
    /// The source with cut lines replaced.
    var source: String
    /// Whether the source has a cut (outside code).
    var isFound: Bool
    var placeholder: String

    static func find(in markdown: String) -> PreviewCutDirective {
        let none = PreviewCutDirective(source: markdown, isFound: false, placeholder: "")
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: isCut) else { return none }
        // A cut-looking line inside a fenced or indented code block is code; inside a raw HTML
        // block begun above it, it is part of that HTML, shown as text.
        let code = MarkdownCodeLines.numbers(in: markdown, withRawHTML: true)
        var placeholder = "BylinePreviewCutPlaceholder"
        while markdown.contains(placeholder) { placeholder += "X" }
        var output: [Substring] = []
        var isFound = false
        for (number, line) in lines.enumerated() {
            guard !code.contains(number + 1), isCut(line) else {
                output.append(line)
                continue
            }
            // Blank lines around it: the cut neither continues nor interrupts a block. A later
            // cut leaves only the blank line, so the text around it reads the same.
            output += isFound ? [""] : ["", Substring(placeholder), ""]
            isFound = true
        }
        guard isFound else { return none }
        return PreviewCutDirective(source: output.joined(separator: "\n"), isFound: true, placeholder: placeholder)
    }

    /// Whether `line` is a cut: `<!--more-->` with any spacing inside the comment and around it,
    /// in any case.
    public static func isCut(_ line: Substring) -> Bool {
        // Most lines are text: turn them away by their first character.
        guard line.first(where: { !$0.isWhitespace }) == "<" else { return false }
        let trimmed = line.trimmingWhitespace()
        guard trimmed.count >= 11, trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return false }
        return trimmed.dropFirst(4).dropLast(3).trimmingWhitespace().lowercased() == "more"
    }
}
