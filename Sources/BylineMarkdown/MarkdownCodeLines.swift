import CCmarkGFM

/// Which source lines of a Markdown text lie inside fenced or indented code blocks: a line that
/// looks like a directive (READ ALSO, the preview cut) there is code, shown as written.
enum MarkdownCodeLines {
    /// The 1-based numbers of the source lines inside code blocks. `withRawHTML` adds the lines of
    /// a raw HTML block after its first: a `<script>` or `<!--` block runs on past blank lines,
    /// so a directive's placeholder put there would be shown as text, not swapped for a marker.
    static func numbers(in markdown: String, withRawHTML: Bool = false) -> Set<Int> {
        guard let document = MarkdownRenderer.parse(markdown) else { return [] }
        defer {
            cmark_node_free(document.root)
            cmark_parser_free(document.parser)
        }
        var lines: Set<Int> = []
        let iterator = cmark_iter_new(document.root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(node)
            let first = Int(cmark_node_get_start_line(node))
            let last = Int(cmark_node_get_end_line(node))
            if type == CMARK_NODE_CODE_BLOCK, first <= last {
                lines.formUnion(first...last)
            } else if withRawHTML, type == CMARK_NODE_HTML_BLOCK, first < last {
                lines.formUnion((first + 1)...last)
            }
        }
        return lines
    }
}
