import BylineCore
import BylineMarkdown
import Foundation

/// Posts saved before bodies were Markdown hold plain text (paragraphs separated by blank
/// lines, `READ ALSO: <title>` lines) and no rendered HTML (`body_html` NULL). Opening a store
/// converts them once, after its migrations, in batches: the text becomes Markdown that shows
/// as written (``TextBody/markdown``) and is rendered like any saved body.
extension SiteStore {
    /// Posts converted per transaction: short transactions, so a big site's conversion never
    /// holds the write lock long enough to stall a running server.
    static let bodyConversionBatch = 200

    /// The Markdown and rendered body for a plain-text body stored before Markdown.
    static func legacyBody(_ storedText: String) -> PostBody {
        let markdown = TextBody(storedText: storedText).markdown
        return MarkdownRenderer.render(markdown).body(markdown: markdown)
    }

    /// Converts up to `limit` legacy posts; returns how many it converted (0: none are left).
    /// Excerpt and reading time stay: the text, and so its words, are the same. Safe when two
    /// nodes run it at once: each post is converted only while its `body_html` is still NULL.
    static func convertLegacyBodies(_ db: any SQLConnection, limit: Int = bodyConversionBatch) throws -> Int {
        let rows = try db.fetchAll(
            "SELECT id, body FROM posts WHERE body_html IS NULL ORDER BY id LIMIT \(limit)")
        for row in rows {
            let id: Int64 = try row["id"]
            let body = legacyBody(try row["body"])
            try db.execute(
                """
                UPDATE posts SET body = \(body.markdown), body_html = \(body.html),
                    read_also = \(body.readAlsoTitles.joined(separator: "\n"))
                WHERE id = \(id) AND body_html IS NULL
                """)
            try SearchIndex.update(db, postID: id)
        }
        return rows.count
    }

    /// Converts every legacy post in `engine`, a batch a transaction; returns how many.
    public static func convertLegacyBodies(in engine: any SQLEngine) async throws -> Int {
        var total = 0
        while true {
            let converted = try await engine.longWrite { db in try convertLegacyBodies(db) }
            total += converted
            if converted < bodyConversionBatch { return total }
        }
    }
}
