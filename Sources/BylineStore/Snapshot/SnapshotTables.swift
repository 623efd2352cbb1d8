/// Every table a whole-site copy holds, in the order rows are restored (parents before the rows
/// that reference them), with their columns: the one list snapshots, restores, row counts and
/// checksums are made from, on both engines. A new table goes here or, with the reason, into
/// ``excluded``; a test fails for a table in neither.
public enum SnapshotTables {
    public static let all: [SnapshotTable] = [
        SnapshotTable(
            "settings", orderBy: "key",
            [.init("key", .text), .init("value", .text)]),
        SnapshotTable(
            "staff_users", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("email", .text), .init("email_key", .text), .init("name", .text),
                .init("role", .text), .init("password_hash", .text), .init("suspended", .integer),
                .init("created_at", .date), .init("updated_at", .date),
            ]),
        SnapshotTable(
            "authors", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("name", .text), .init("name_key", .text), .init("slug", .text),
                .init("bio", .text), .init("user_id", .integer, nullable: true), .init("post_count", .integer),
                .init("created_at", .date), .init("updated_at", .date), .init("image_id", .integer, nullable: true),
            ]),
        SnapshotTable(
            "tags", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("name", .text), .init("name_key", .text), .init("slug", .text),
                .init("description", .text), .init("post_count", .integer), .init("created_at", .date),
            ]),
        SnapshotTable(
            "posts", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("title", .text), .init("title_key", .text), .init("slug", .text),
                .init("body", .text), .init("excerpt", .text), .init("status", .text), .init("visibility", .text),
                .init("published_at", .date, nullable: true), .init("created_at", .date), .init("updated_at", .date),
                .init("author_id", .integer), .init("stated_reading_minutes", .integer, nullable: true),
                .init("reading_minutes", .integer), .init("body_html", .text, nullable: true),
                .init("read_also", .text), .init("custom_excerpt", .text, nullable: true),
                .init("feature_image", .text), .init("feature_image_alt", .text),
                .init("excerpt_in_preview", .integer), .init("comment_count", .integer),
                .init("auto_read_also", .integer), .init("feature_image_caption", .text),
            ]),
        SnapshotTable(
            "post_tags", orderBy: "post_id, tag_id",
            [
                .init("post_id", .integer), .init("tag_id", .integer), .init("position", .integer),
                .init("status", .text), .init("published_at", .date, nullable: true),
            ]),
        SnapshotTable(
            "slug_redirects", orderBy: "old_slug",
            [.init("old_slug", .text), .init("post_id", .integer), .init("created_at", .date)]),
        SnapshotTable(
            "post_revisions", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("post_id", .integer), .init("title", .text), .init("body", .text),
                .init("custom_excerpt", .text, nullable: true), .init("tags", .text),
                .init("saved_by", .integer, nullable: true), .init("reason", .text), .init("created_at", .date),
            ]),
        SnapshotTable(
            "api_tokens", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("user_id", .integer), .init("name", .text), .init("token_hash", .text),
                .init("created_at", .date), .init("last_used_at", .date, nullable: true),
            ]),
        SnapshotTable(
            "newsletters", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("slug", .text), .init("name", .text), .init("description", .text),
                .init("sort_order", .integer), .init("active", .integer), .init("created_at", .date),
            ]),
        SnapshotTable(
            "members", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("email", .text), .init("email_key", .text), .init("name", .text),
                .init("name_key", .text), .init("status", .text), .init("created_at", .date),
                .init("confirmed_at", .date, nullable: true), .init("updated_at", .date),
                .init("last_signup_email_at", .date, nullable: true), .init("hard_bounces", .integer),
                .init("email_disabled", .integer), .init("comments_banned", .integer),
                .init("comment_reply_emails", .integer),
            ]),
        SnapshotTable(
            "member_newsletters", orderBy: "member_id, newsletter_id",
            [.init("member_id", .integer), .init("newsletter_id", .integer), .init("created_at", .date)]),
        SnapshotTable(
            "comments", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("post_id", .integer), .init("member_id", .integer),
                .init("parent_id", .integer, nullable: true), .init("body", .text), .init("status", .text),
                .init("created_at", .date), .init("edited_at", .date, nullable: true),
                .init("reply_emailed_at", .date, nullable: true),
            ]),
        SnapshotTable(
            "images", orderBy: "id", serialID: true,
            [
                .init("id", .integer), .init("fingerprint", .text), .init("name", .text),
                .init("original_filename", .text), .init("format", .text), .init("width", .integer),
                .init("height", .integer), .init("original_bytes", .integer), .init("variant_bytes", .integer),
                .init("uploaded_by", .integer, nullable: true), .init("created_at", .date),
            ]),
        SnapshotTable(
            "image_files", orderBy: "image_id, kind, width, format",
            [
                .init("image_id", .integer), .init("kind", .text), .init("width", .integer), .init("height", .integer),
                .init("format", .text), .init("bytes", .blob),
            ]),
    ]

    /// Tables a copy leaves out on purpose, and why.
    public static let excluded: [String: String] = [
        "changes": "the change log of this database's own writes; a restore records one change for everything",
        "jobs": "background work of the running site, not content",
        "staff_sessions": "signed-in browsers of this site; a restored site signs everyone in again",
        "sign_in_failures": "a few minutes of throttling state, not content",
        "member_tokens": "emailed links in flight, single-use and short-lived; members ask for new ones",
        "member_sessions": "signed-in readers' browsers; a restored site signs members in again",
        "signup_attempts": "a few minutes of throttling state, not content",
        "comment_attempts": "a few minutes of throttling state, not content",
        "newsletter_sends": "emails already sent from this site; a restored site sends no post again",
        "newsletter_deliveries": "who was sent which email, by this site's SMTP server; not content",
        "counters": "derived from the posts; a restore counts again",
        "related_stale": "derived from the posts; a restore marks every post for its related list again",
        "related_vectors": "derived from the posts; a restore recomputes them",
        "related_terms": "derived from the posts; a restore recomputes them",
        "related_term_counts": "derived from the posts; a restore recomputes them",
        "related_posts": "derived from the posts; a restore recomputes them",
        "byline_migrations": "the schema's history (PostgreSQL)",
        "grdb_migrations": "the schema's history (SQLite)",
        "sqlite_sequence": "SQLite's own bookkeeping",
        "post_search": "the search index, derived from the posts; a restore rebuilds it",
        "search_lacking_keys": "part of the search index (PostgreSQL); a restore rebuilds it",
        "post_search_data": "the search index's FTS5 storage (SQLite)",
        "post_search_idx": "the search index's FTS5 storage (SQLite)",
        "post_search_content": "the search index's FTS5 storage (SQLite)",
        "post_search_docsize": "the search index's FTS5 storage (SQLite)",
        "post_search_config": "the search index's FTS5 storage (SQLite)",
    ]
}

/// One table of ``SnapshotTables``.
public struct SnapshotTable: Sendable {
    public enum Kind: String, Sendable {
        case integer, text, date, blob

        var postgresType: String {
            switch self {
            case .integer: "BIGINT"
            case .text: "TEXT"
            case .date: "TIMESTAMPTZ"
            case .blob: "BYTEA"
            }
        }
    }

    public struct Column: Sendable {
        public var name: String
        public var kind: Kind
        public var nullable: Bool

        public init(_ name: String, _ kind: Kind, nullable: Bool = false) {
            self.name = name
            self.kind = kind
            self.nullable = nullable
        }
    }

    public var name: String
    /// A unique key, so both engines list rows in the same order.
    public var orderBy: String
    /// Whether `id` comes from a sequence that must move past copied ids (PostgreSQL).
    public var serialID: Bool
    public var columns: [Column]

    public init(_ name: String, orderBy: String, serialID: Bool = false, _ columns: [Column]) {
        self.name = name
        self.orderBy = orderBy
        self.serialID = serialID
        self.columns = columns
    }
}
