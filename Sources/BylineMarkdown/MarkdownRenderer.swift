import BylineCore
import CCmarkGFM
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders a post's Markdown to the HTML a page shows, with cmark-gfm (CommonMark plus GitHub's
/// tables, strikethrough and autolinks). Runs when a body is saved, never on a page view.
///
/// Staff of every role write bodies, so the output is safe whatever the source: raw HTML is
/// shown as the text it is (not passed through, not silently dropped), and cmark's safe mode
/// empties `javascript:`, `vbscript:`, `file:` and `data:` link URLs. A `::read-also[Title]`
/// line (``ReadAlsoDirective``) becomes a ``BodyHTML/readAlsoMarker``, and the first
/// `<!--more-->` line (``PreviewCutDirective``) a top-level ``PreviewCut/marker``.
public enum MarkdownRenderer {
    /// The GitHub extensions bodies use.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Registers cmark-gfm's extensions once per process (a `static let` runs exactly once).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps the inline parser's table of special characters in a process-wide
    /// variable that attaching and freeing an extension's parser change (`~` for strikethrough,
    /// `:` and `w` for autolinks): two renders at once would drop each other's extensions. A
    /// body renders in well under a millisecond, so one at a time costs nothing that matters.
    private static let cmarkLock = Mutex(())

    /// `images`: the stored images the body shows, by fingerprint (``BodyImages``).
    public static func render(_ source: String, images: [String: StoredImage] = [:]) -> RenderedMarkdown {
        cmarkLock.withLock { _ in renderAlone(source, images: images) }
    }

    private static func renderAlone(_ source: String, images: [String: StoredImage]) -> RenderedMarkdown {
        _ = registered
        // Browsers send a textarea's lines with CRLF: one line ending, so source lines and the
        // parser's line numbers agree (``ReadAlsoDirectives``).
        let markdown =
            source.utf8.contains(0x0D)
            ? source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : source
        let cut = PreviewCutDirective.find(in: markdown)
        let directives = ReadAlsoDirectives.find(in: cut.source)
        let source = directives.isEmpty ? cut.source : directives.source
        guard let document = parse(source) else {
            return RenderedMarkdown(html: "", readAlsoTitles: [], plainText: "", wordCount: 0, imageCount: 0)
        }
        defer { cmark_node_free(document.root) }
        defer { cmark_parser_free(document.parser) }
        showRawHTMLAsText(document.root)
        let text = MarkdownPlainText(document.root, skippingParagraphs: [directives.placeholder, cut.placeholder])
        var html = BodyImages.rewrite(renderHTML(document), images: images)
        if !directives.isEmpty {
            html = html.replacingOccurrences(
                of: "<p>\(directives.placeholder)</p>", with: BodyHTML.readAlsoMarker)
        }
        if cut.isFound {
            html = html.replacingOccurrences(of: "<p>\(cut.placeholder)</p>", with: PreviewCut.marker)
        }
        return RenderedMarkdown(
            html: html, readAlsoTitles: directives.titles, plainText: text.plainText,
            wordCount: WordCount.count(in: text.plainText), imageCount: text.imageCount)
    }

    /// A parsed document and the parser that owns its extensions.
    struct Document {
        let parser: OpaquePointer
        let root: OpaquePointer
    }

    /// Parses `source` with the extensions attached; nil only when cmark cannot allocate.
    static func parse(_ source: String) -> Document? {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var bytes = Array(source.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            cmark_parser_free(parser)
            return nil
        }
        return Document(parser: parser, root: root)
    }

    /// Turns every raw HTML node into text, so a reader sees `<script>` as written. Nodes are
    /// collected first: an iterator must not walk a tree that changes under it.
    static func showRawHTMLAsText(_ root: OpaquePointer) {
        var rawNodes: [(node: OpaquePointer, isBlock: Bool)] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK {
                rawNodes.append((node, true))
            } else if type == CMARK_NODE_HTML_INLINE {
                rawNodes.append((node, false))
            }
        }
        for (node, isBlock) in rawNodes {
            var literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            let replacement: OpaquePointer
            if isBlock {
                while literal.last == "\n" { literal.removeLast() }
                guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else {
                    cmark_node_free(text)
                    continue
                }
                cmark_node_append_child(paragraph, text)
                replacement = paragraph
            } else {
                replacement = text
            }
            cmark_node_set_literal(text, literal)
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }
    }

    /// Safe-mode HTML (no `CMARK_OPT_UNSAFE`), with the parser's extensions.
    static func renderHTML(_ document: Document) -> String {
        guard
            let pointer = cmark_render_html(
                document.root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(document.parser))
        else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
