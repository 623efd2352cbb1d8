import BylineCore
import Foundation

/// Keeping `post_search` in step with `posts`: every write of a post's text or tags indexes it
/// again inside the same transaction, a delete removes it, a restore rebuilds the whole index.
///
/// SQLite keeps an FTS5 table (rowid = post id, `porter unicode61 remove_diacritics 2`) and
/// no publication: its searches read status, date and visibility from a covering index of
/// `posts`, so publishing, scheduling, unpublishing and the archive rule need no index write.
///
/// PostgreSQL keeps a table partitioned by post id range (``rangeSize``) with two `tsvector`s
/// (`english`, weights A title, B tags and excerpt, C preview, D rest; `free_vector` without
/// the rest, `vector` under GIN) and the title's and the tags-and-excerpt's own small vectors
/// under GIN, which score a search's window. It also keeps each post's status, date and
/// visibility, which a trigger on `posts` copies whenever they change: its search's walk then
/// reads no `posts` row.
///
/// Both keep keys of adjacent word pairs, which quoted phrases look up first: SQLite a `pairs`
/// column of ``SearchPairs`` keys; PostgreSQL a `pairs` vector of its own stems paired, and in
/// runs of three (``PostgresPhraseKeys``), under a GIN index. PostgreSQL folds no diacritics by itself
/// (`unaccent` is an extension a hosted database may not have), so the text is folded here
/// (``SearchText/fold(_:)``) before it is made a vector, and queries are folded the same way.
enum SearchIndex {
    /// Posts indexed per transaction when filling the index for posts saved before it existed.
    static let batch = 500

    /// The preview length setting now in force.
    static func previewBlocks(_ db: any SQLConnection) throws -> Int {
        let value: String? = try db.value("SELECT value FROM settings WHERE key = 'preview_blocks'")
        return SiteSettingsCoding.decodeGate(value.map { ["preview_blocks": $0] } ?? [:]).previewBlocks
    }

    /// Indexes post `postID` as it is now stored (or removes it when it is gone).
    static func update(_ db: any SQLConnection, postID: Int64) throws {
        try update(db, postIDs: [postID], previewBlocks: try previewBlocks(db))
    }

    /// Indexes the posts with `postIDs` as they are now stored, ``batch`` at a time (a tag's
    /// posts after it was renamed or deleted).
    static func update(_ db: any SQLConnection, postIDs: [Int64]) throws {
        let previewBlocks = try previewBlocks(db)
        for start in stride(from: 0, to: postIDs.count, by: batch) {
            try update(
                db, postIDs: Array(postIDs[start..<min(start + batch, postIDs.count)]), previewBlocks: previewBlocks)
        }
    }

    /// Indexes the posts with `postIDs` as they are now stored. Reads only columns the
    /// `v11-search-pairs` migration can count on, since that migration calls it (through
    /// ``rebuild(_:)``): a later change to `post_search` must give that migration its own copy.
    static func update(_ db: any SQLConnection, postIDs: [Int64], previewBlocks: Int) throws {
        guard !postIDs.isEmpty else { return }
        let rows = try db.fetchAll(
            """
            SELECT id, title, body, body_html, excerpt, custom_excerpt, excerpt_in_preview FROM posts
            WHERE id IN \(list: postIDs)
            """)
        let tags = try db.fetchAll(
            """
            SELECT pt.post_id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id IN \(list: postIDs) ORDER BY pt.post_id, pt.position
            """
        ).reduce(into: [Int64: [String]]()) { names, row in
            names[try row["post_id"], default: []].append(try row["name"])
        }
        try remove(db, postIDs: postIDs)
        if db.dialect == .postgres {
            for range in Set(try rows.map { (try $0["id"] as Int64) / rangeSize }) {
                try makeRange(db, range)
            }
        }
        for row in rows {
            let id: Int64 = try row["id"]
            // A body from before Markdown not yet converted: indexed as it will read once it is.
            let html: String = try row["body_html"] ?? SiteStore.legacyBody(try row["body"]).html
            let document = SearchDocument.make(
                title: try row["title"], bodyHTML: html, excerpt: try row["excerpt"],
                customExcerpt: try row["custom_excerpt"], tagNames: tags[id] ?? [], previewBlocks: previewBlocks,
                excerptShowsWhenGated: (try row["excerpt_in_preview"] as Int) != 0)
            try insert(db, postID: id, document)
        }
    }

    static func insert(_ db: any SQLConnection, postID: Int64, _ document: SearchDocument) throws {
        switch db.dialect {
        case .sqlite:
            let pairs = SearchPairs.indexText([
                document.title, document.tagsAndExcerpt, document.preview, document.rest,
            ])
            try db.execute(
                """
                INSERT INTO post_search (rowid, title, tags_excerpt, preview, rest, preview_blocks, pairs)
                VALUES (\(postID), \(document.title), \(document.tagsAndExcerpt), \(document.preview),
                    \(document.rest), \(document.previewBlocks), \(pairs))
                """)
        case .postgres:
            // The pair keys come from the whole vector's own stems (`byline_search_pairs`,
            // migrations `v14-search-publication` and `v15-search-triple-keys`), the
            // publication from the post. A post whose keys would not fit is listed in
            // `search_lacking_keys` too (`v17`); removing its row removes it from there.
            let lacking = PostgresPhraseKeys.lexemes([PostgresPhraseKeys.tooManyKeys])
            try db.execute(
                """
                WITH added AS (
                INSERT INTO post_search (post_id, title, tags_excerpt, preview, rest, preview_blocks, vector, free_vector,
                    pairs, title_vector, tags_vector, status, published_at, visibility)
                SELECT p.id, \(document.title), \(document.tagsAndExcerpt), \(document.preview), \(document.rest),
                    \(document.previewBlocks), v.whole, v.free, byline_search_pairs(v.whole), v.title, v.tags,
                    p.status, p.published_at, p.visibility
                FROM (
                    SELECT free || setweight(to_tsvector('english', \(SearchText.fold(document.rest))), 'D') AS whole,
                        free, title, tags
                    FROM (
                        SELECT title || tags || setweight(to_tsvector('english', \(SearchText.fold(document.preview))), 'C')
                            AS free, title, tags
                        FROM (SELECT setweight(to_tsvector('english', \(SearchText.fold(document.title))), 'A') AS title,
                            setweight(to_tsvector('english', \(SearchText.fold(document.tagsAndExcerpt))), 'B') AS tags) heads
                    ) parts
                ) v CROSS JOIN posts p WHERE p.id = \(postID)
                RETURNING post_id, pairs
                )
                INSERT INTO search_lacking_keys
                SELECT post_id FROM added WHERE pairs @@ CAST(\(lacking) AS tsquery)
                """)
        }
    }

    /// Posts a PostgreSQL partition of `post_search` holds: post ids `n * rangeSize` up to
    /// `(n + 1) * rangeSize`. A search walks them newest first and a word in every post still
    /// finds its window in the newest one or two; more posts a range would make that walk
    /// longer, fewer would make a search for a rare word plan more partitions.
    static let rangeSize: Int64 = 10_000

    /// The partition of range `range` (``rangeSize``), made when the first post reaching it is
    /// indexed. Nodes indexing at once take turns (an advisory lock held to the commit), and
    /// the catalog is asked first, so an existing partition costs one lookup.
    static func makeRange(_ db: any SQLConnection, _ range: Int64) throws {
        let name = "post_search_\(range)"
        func exists() throws -> Bool {
            try db.value("SELECT to_regclass(\(name)) IS NOT NULL") ?? false
        }
        guard try !exists() else { return }
        try db.execute("SELECT pg_advisory_xact_lock(\(rangeLockKey))")
        guard try !exists() else { return }
        // Texts and vectors out of the partition's own rows (into TOAST): a search visits the
        // row of every match in the ranges it walks, and narrow rows make that visit cheap.
        try db.execute(
            """
            CREATE TABLE \(raw: name) PARTITION OF post_search
            FOR VALUES FROM (\(raw: String(range * rangeSize))) TO (\(raw: String((range + 1) * rangeSize)))
            WITH (toast_tuple_target = 128)
            """)
        // Small statistics of the vectors, as migration `v15-search-triple-keys` gave the
        // others: a partition does not inherit them, and planning decompressed the large ones.
        try db.execute(
            """
            ALTER TABLE \(raw: name) ALTER COLUMN vector SET STATISTICS 10, ALTER COLUMN free_vector SET STATISTICS 10,
                ALTER COLUMN pairs SET STATISTICS 10, ALTER COLUMN title_vector SET STATISTICS 10,
                ALTER COLUMN tags_vector SET STATISTICS 10
            """)
    }

    /// The advisory lock making partitions one node at a time; it spells "search" and a 1.
    static let rangeLockKey: Int64 = 0x7365_6172_6368_0001

    static func remove(_ db: any SQLConnection, postIDs: [Int64]) throws {
        try db.execute(
            "DELETE FROM post_search WHERE \(sqlite: "rowid", postgres: "post_id") IN \(list: postIDs)")
    }

    /// The whole index made again from `posts`: after a restore, and by the migration.
    static func rebuild(_ db: any SQLConnection) throws {
        try db.execute("DELETE FROM post_search")
        let previewBlocks = try previewBlocks(db)
        var after: Int64 = 0
        while true {
            let ids = try db.fetchAll("SELECT id FROM posts WHERE id > \(after) ORDER BY id LIMIT \(batch)").map {
                try $0["id"] as Int64
            }
            guard let last = ids.last else { return }
            try update(db, postIDs: ids, previewBlocks: previewBlocks)
            after = last
        }
    }

    /// Indexes up to ``batch`` posts that have no index entry; returns how many (0: all are).
    static func indexMissing(_ db: any SQLConnection) throws -> Int {
        let ids = try db.fetchAll(
            """
            SELECT p.id FROM posts p
            WHERE NOT EXISTS (SELECT 1 FROM post_search s WHERE s.\(sqlite: "rowid", postgres: "post_id") = p.id)
            ORDER BY p.id LIMIT \(batch)
            """
        ).map { try $0["id"] as Int64 }
        try update(db, postIDs: ids, previewBlocks: try previewBlocks(db))
        return ids.count
    }
}

extension SiteStore {
    /// Indexes every post the search index lacks (posts saved before it existed), a batch a
    /// transaction; returns how many. Opening a PostgreSQL store runs it after the migrations;
    /// SQLite's migration fills its index itself. Cheap when there is nothing to do.
    public static func indexPostsForSearch(in engine: any SQLEngine) async throws -> Int {
        var total = 0
        while true {
            let indexed = try await engine.longWrite { db in try SearchIndex.indexMissing(db) }
            total += indexed
            if indexed < SearchIndex.batch { return total }
        }
    }
}
