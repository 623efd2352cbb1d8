import BylineCore
import CCmarkGFM

/// The text of a parsed Markdown document without its markup, for excerpts and reading time:
/// one block per paragraph, heading, code block or table row, separated by blank lines. Image
/// descriptions are not body text; images are counted instead.
struct MarkdownPlainText {
    private(set) var plainText = ""
    private(set) var imageCount = 0

    /// - Parameter skippingParagraphs: a paragraph of exactly one of these texts is left out
    ///   (the placeholders of READ ALSO lines and of the preview cut are not body text).
    init(_ root: OpaquePointer, skippingParagraphs placeholders: Set<String>) {
        var blocks: [String] = []
        var current = ""
        var imageDepth = 0
        func flush() {
            let block = current.collapsingWhitespace()
            if !block.isEmpty, !placeholders.contains(block) { blocks.append(block) }
            current = ""
        }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                if event == CMARK_EVENT_ENTER {
                    imageCount += 1
                    imageDepth += 1
                } else {
                    imageDepth -= 1
                }
                continue
            }
            if event == CMARK_EVENT_ENTER {
                guard imageDepth == 0 else { continue }
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    current += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    current += " "
                case CMARK_NODE_CODE_BLOCK:
                    flush()
                    current = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                    flush()
                default:
                    break
                }
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                flush()
            } else {
                switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
                case "table_cell": current += " "
                case "table_row", "table_header": flush()
                default: break
                }
            }
        }
        flush()
        plainText = blocks.joined(separator: "\n\n")
    }
}
