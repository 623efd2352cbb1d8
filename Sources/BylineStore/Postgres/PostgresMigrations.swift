import PostgresNIO

/// The PostgreSQL schema, as named migrations applied in order and recorded in
/// `byline_migrations`. The same tables, columns, constraints and indexes as ``SQLiteMigrations``.
/// Never edit a shipped migration: add a new one.
enum PostgresMigrations {
    struct Migration: Sendable {
        let name: String
        /// One statement each: the extended query protocol takes no multi-statement strings.
        let statements: [String]
    }

    /// Held while migrating, so nodes starting together apply each migration exactly once.
    /// Any constant works; this one spells "byline" and a 1.
    static let lockKey: Int64 = 0x6279_6C69_6E65_0001

    static let all: [Migration] = [
        Migration(
            name: "v1-core-schema",
            statements: [
                """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE authors (
                    id BIGSERIAL PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL UNIQUE,
                    slug TEXT NOT NULL UNIQUE,
                    bio TEXT NOT NULL DEFAULT '',
                    user_id BIGINT,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                )
                """,
                """
                CREATE TABLE tags (
                    id BIGSERIAL PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL UNIQUE,
                    slug TEXT NOT NULL UNIQUE,
                    description TEXT NOT NULL DEFAULT '',
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                """
                CREATE TABLE posts (
                    id BIGSERIAL PRIMARY KEY,
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    title_key TEXT NOT NULL,
                    slug TEXT NOT NULL UNIQUE,
                    body TEXT NOT NULL,
                    excerpt TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
                    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
                    published_at TIMESTAMPTZ,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    author_id BIGINT NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
                    stated_reading_minutes INTEGER,
                    reading_minutes INTEGER NOT NULL
                )
                """,
                "CREATE INDEX posts_title_key ON posts(title_key)",
                "CREATE INDEX posts_public ON posts(status, published_at)",
                "CREATE INDEX posts_author ON posts(author_id, published_at)",
                """
                CREATE TABLE post_tags (
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (post_id, tag_id)
                )
                """,
                "CREATE INDEX post_tags_tag ON post_tags(tag_id)",
                """
                CREATE TABLE changes (
                    seq BIGSERIAL PRIMARY KEY,
                    at TIMESTAMPTZ NOT NULL,
                    keys TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE slug_redirects (
                    old_slug TEXT PRIMARY KEY NOT NULL,
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
            ]),
        Migration(
            name: "v2-jobs",
            statements: [
                """
                CREATE TABLE jobs (
                    id BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    payload TEXT NOT NULL,
                    unique_key TEXT UNIQUE,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
                    run_at TIMESTAMPTZ NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
                    locked_by TEXT,
                    locked_until TIMESTAMPTZ,
                    last_error TEXT,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX jobs_due ON jobs(status, run_at)",
                "CREATE INDEX jobs_lease ON jobs(status, locked_until)",
            ]),
        // Listings walk one index in order and read counts kept on write: pages cost the same at
        // 100,000 posts as at 1,000.
        Migration(
            name: "v3-scale",
            statements: [
                "ALTER TABLE tags ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE authors ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE post_tags ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'",
                "ALTER TABLE post_tags ADD COLUMN published_at TIMESTAMPTZ",
                "CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value BIGINT NOT NULL)",
                "UPDATE post_tags SET status = (SELECT p.status FROM posts p WHERE p.id = post_tags.post_id), published_at = (SELECT p.published_at FROM posts p WHERE p.id = post_tags.post_id)",
                "UPDATE tags SET post_count = (SELECT COUNT(*) FROM post_tags pt WHERE pt.tag_id = tags.id AND pt.status = 'published')",
                "UPDATE authors SET post_count = (SELECT COUNT(*) FROM posts p WHERE p.author_id = authors.id AND p.status = 'published')",
                "INSERT INTO counters (name, value) SELECT 'published_posts', COUNT(*) FROM posts WHERE status = 'published'",
                "DROP INDEX posts_public",
                "DROP INDEX posts_author",
                "DROP INDEX post_tags_tag",
                "CREATE INDEX posts_listing ON posts(status, published_at, id)",
                "CREATE INDEX posts_author_listing ON posts(author_id, status, published_at, id)",
                "CREATE INDEX post_tags_listing ON post_tags(tag_id, status, published_at, post_id)",
                "CREATE INDEX changes_at ON changes(at)",
                "CREATE INDEX jobs_finished ON jobs(status, updated_at)",
            ]),
        Migration(
            name: "v4-newsroom",
            statements: [
                "ALTER TABLE posts ADD COLUMN body_html TEXT",
                "ALTER TABLE posts ADD COLUMN read_also TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE posts ADD COLUMN custom_excerpt TEXT",
                "ALTER TABLE posts ADD COLUMN feature_image TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE posts ADD COLUMN feature_image_alt TEXT NOT NULL DEFAULT ''",
                "CREATE INDEX posts_recent_edits ON posts(updated_at, id)",
                "CREATE INDEX posts_due ON posts(status, published_at) WHERE status = 'scheduled'",
                """
                CREATE TABLE staff_users (
                    id BIGSERIAL PRIMARY KEY,
                    email TEXT NOT NULL,
                    email_key TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('owner', 'administrator', 'editor', 'author', 'contributor')),
                    password_hash TEXT NOT NULL,
                    suspended BIGINT NOT NULL DEFAULT 0,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX authors_user ON authors(user_id) WHERE user_id IS NOT NULL",
                """
                CREATE TABLE staff_sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    last_seen_at TIMESTAMPTZ NOT NULL,
                    expires_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX staff_sessions_user ON staff_sessions(user_id)",
                "CREATE INDEX staff_sessions_expiry ON staff_sessions(expires_at)",
                """
                CREATE TABLE api_tokens (
                    id BIGSERIAL PRIMARY KEY,
                    user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at TIMESTAMPTZ NOT NULL,
                    last_used_at TIMESTAMPTZ
                )
                """,
                "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
                "CREATE TABLE sign_in_failures (id BIGSERIAL PRIMARY KEY, scope TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)",
                "CREATE INDEX sign_in_failures_scope ON sign_in_failures(scope, at)",
                """
                CREATE TABLE post_revisions (
                    id BIGSERIAL PRIMARY KEY,
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    custom_excerpt TEXT,
                    tags TEXT NOT NULL DEFAULT '',
                    saved_by BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
                    reason TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX post_revisions_post ON post_revisions(post_id, id)",
            ]),
        // Members and newsletters: email signup with double opt-in, emailed single-use links,
        // member sessions and the signup throttle. Flags are 0/1 integers, as `suspended` is.
        Migration(
            name: "v5-members",
            statements: [
                """
                CREATE TABLE newsletters (
                    id BIGSERIAL PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    description TEXT NOT NULL DEFAULT '',
                    sort_order BIGINT NOT NULL DEFAULT 0,
                    active BIGINT NOT NULL DEFAULT 1,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                """
                CREATE TABLE members (
                    id BIGSERIAL PRIMARY KEY,
                    email TEXT NOT NULL,
                    email_key TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL DEFAULT '',
                    name_key TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
                    created_at TIMESTAMPTZ NOT NULL,
                    confirmed_at TIMESTAMPTZ,
                    updated_at TIMESTAMPTZ NOT NULL,
                    last_signup_email_at TIMESTAMPTZ,
                    hard_bounces BIGINT NOT NULL DEFAULT 0,
                    email_disabled BIGINT NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX members_status ON members(status, id)",
                """
                CREATE TABLE member_newsletters (
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (member_id, newsletter_id)
                )
                """,
                "CREATE INDEX member_newsletters_newsletter ON member_newsletters(newsletter_id, member_id)",
                """
                CREATE TABLE member_tokens (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    purpose TEXT NOT NULL CHECK (purpose IN ('confirm-signup', 'sign-in', 'change-email')),
                    new_email TEXT,
                    created_at TIMESTAMPTZ NOT NULL,
                    expires_at TIMESTAMPTZ NOT NULL,
                    used_at TIMESTAMPTZ
                )
                """,
                "CREATE INDEX member_tokens_member ON member_tokens(member_id)",
                "CREATE INDEX member_tokens_expiry ON member_tokens(expires_at)",
                """
                CREATE TABLE member_sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    expires_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX member_sessions_member ON member_sessions(member_id)",
                "CREATE INDEX member_sessions_expiry ON member_sessions(expires_at)",
                "CREATE TABLE signup_attempts (id BIGSERIAL PRIMARY KEY, scope TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)",
                "CREATE INDEX signup_attempts_scope ON signup_attempts(scope, at)",
                "CREATE INDEX signup_attempts_at ON signup_attempts(at)",
            ]),
        // Newsletter delivery: see the SQLite migration of the same name.
        Migration(
            name: "v6-newsletter-delivery",
            statements: [
                "ALTER TABLE posts ADD COLUMN email_newsletter_id BIGINT REFERENCES newsletters(id) ON DELETE SET NULL",
                """
                CREATE TABLE newsletter_sends (
                    id BIGSERIAL PRIMARY KEY,
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
                    subject TEXT NOT NULL,
                    html TEXT NOT NULL,
                    text_body TEXT NOT NULL,
                    site_url TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    UNIQUE (post_id, newsletter_id)
                )
                """,
                """
                CREATE TABLE newsletter_deliveries (
                    id BIGSERIAL PRIMARY KEY,
                    send_id BIGINT NOT NULL REFERENCES newsletter_sends(id) ON DELETE CASCADE,
                    post_id BIGINT NOT NULL,
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
                    attempts BIGINT NOT NULL DEFAULT 0,
                    run_at TIMESTAMPTZ NOT NULL,
                    locked_by TEXT,
                    locked_until TIMESTAMPTZ,
                    last_error TEXT,
                    finished_at TIMESTAMPTZ,
                    UNIQUE (post_id, member_id)
                )
                """,
                "CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries(status, run_at)",
                "CREATE INDEX newsletter_deliveries_lease ON newsletter_deliveries(status, locked_until)",
                "CREATE INDEX newsletter_deliveries_send ON newsletter_deliveries(send_id, status)",
                "CREATE INDEX newsletter_deliveries_member ON newsletter_deliveries(member_id)",
            ]),
        // The subscriber gate: `paid` joins the visibilities (PostgreSQL named the check).
        Migration(
            name: "v7-paid-visibility",
            statements: [
                "ALTER TABLE posts DROP CONSTRAINT posts_visibility_check",
                "ALTER TABLE posts ADD CONSTRAINT posts_visibility_check "
                    + "CHECK (visibility IN ('public', 'members', 'paid'))",
                // See the SQLite migration of the same name.
                "ALTER TABLE posts ADD COLUMN excerpt_in_preview BIGINT NOT NULL DEFAULT 1",
                "UPDATE posts SET excerpt_in_preview = 0 WHERE custom_excerpt IS NULL "
                    + "AND position(E'\\n\\n' in btrim(body, E' \\t\\r\\n')) = 0",
            ]),
        // Comments under articles: see the SQLite migration of the same name.
        Migration(
            name: "v8-comments",
            statements: [
                "ALTER TABLE posts ADD COLUMN comment_count BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE members ADD COLUMN comments_banned BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE members ADD COLUMN comment_reply_emails BIGINT NOT NULL DEFAULT 1",
                """
                CREATE TABLE comments (
                    id BIGSERIAL PRIMARY KEY,
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
                    body TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'hidden')),
                    created_at TIMESTAMPTZ NOT NULL,
                    edited_at TIMESTAMPTZ,
                    reply_emailed_at TIMESTAMPTZ
                )
                """,
                "CREATE INDEX comments_post ON comments(post_id, status, id)",
                "CREATE INDEX comments_member ON comments(member_id, created_at)",
                "CREATE INDEX comments_status ON comments(status, id)",
                "CREATE INDEX comments_parent ON comments(parent_id)",
                """
                CREATE TABLE comment_attempts (
                    member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX comment_attempts_member ON comment_attempts(member_id, created_at)",
            ]),
        // Related articles: see the SQLite migration of the same name.
        Migration(
            name: "v9-related",
            statements: [
                "ALTER TABLE posts ADD COLUMN auto_read_also BIGINT NOT NULL DEFAULT 1",
                "CREATE TABLE related_stale (post_id BIGINT PRIMARY KEY, changed BIGINT NOT NULL)",
                "CREATE TABLE related_vectors (post_id BIGINT PRIMARY KEY, terms TEXT NOT NULL)",
                "CREATE TABLE related_terms (term TEXT NOT NULL, post_id BIGINT NOT NULL, PRIMARY KEY (term, post_id))",
                "CREATE TABLE related_term_counts (term TEXT PRIMARY KEY, posts BIGINT NOT NULL)",
                """
                CREATE TABLE related_posts (
                    post_id BIGINT NOT NULL,
                    rank BIGINT NOT NULL,
                    related_id BIGINT NOT NULL,
                    score DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (post_id, rank)
                )
                """,
                "CREATE INDEX related_posts_related ON related_posts(related_id)",
                "INSERT INTO related_stale (post_id, changed) SELECT id, 1 FROM posts WHERE status = 'published'",
            ]),
        // Site search: see the SQLite migration of the same name. Two `tsvector`s per post with
        // the weights A title, B tags and excerpt, C preview, D rest: `vector` holds them all,
        // `free_vector` the free part (A, B, C) that a reader without access to the post may
        // match; the text is kept for snippets. Posts are indexed after the migrations
        // (``SiteStore/indexPostsForSearch(in:)``): the vectors are built from text folded in Swift.
        Migration(
            name: "v10-search",
            statements: [
                """
                CREATE TABLE post_search (
                    post_id BIGINT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    tags_excerpt TEXT NOT NULL,
                    preview TEXT NOT NULL,
                    rest TEXT NOT NULL,
                    preview_blocks BIGINT NOT NULL,
                    vector TSVECTOR NOT NULL,
                    free_vector TSVECTOR NOT NULL
                )
                """,
                "CREATE INDEX post_search_vector ON post_search USING GIN (vector)",
                "CREATE INDEX post_search_free_vector ON post_search USING GIN (free_vector)",
            ]),
        // Quoted phrases look up the keys of adjacent word pairs first (``SearchPairs``), in a
        // vector of their own so the ranked vectors stay as small as they were. The index is
        // emptied and filled again after the migrations (``SiteStore/indexPostsForSearch(in:)``).
        Migration(
            name: "v11-search-pairs",
            statements: [
                "DELETE FROM post_search",
                "ALTER TABLE post_search ADD COLUMN pairs TSVECTOR NOT NULL",
                // Texts and vectors out of the table's own rows (into TOAST): a search visits
                // the row of every match for its id, and 100,000 rows of about 1.4 KB each made
                // that visit the search's biggest cost; the rows are now a few dozen bytes.
                "ALTER TABLE post_search SET (toast_tuple_target = 128)",
                "CREATE INDEX post_search_pairs ON post_search USING GIN (pairs)",
            ]),
        // Uploaded images: see the SQLite migration of the same name. The files are BYTEA in the
        // shared database, so every node serves every image without a shared folder.
        Migration(
            name: "v12-images",
            statements: [
                """
                CREATE TABLE images (
                    id BIGSERIAL PRIMARY KEY,
                    fingerprint TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    original_filename TEXT NOT NULL,
                    format TEXT NOT NULL,
                    width BIGINT NOT NULL,
                    height BIGINT NOT NULL,
                    original_bytes BIGINT NOT NULL,
                    variant_bytes BIGINT NOT NULL,
                    uploaded_by BIGINT,
                    created_at TIMESTAMPTZ NOT NULL
                )
                """,
                """
                CREATE TABLE image_files (
                    image_id BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    width BIGINT NOT NULL,
                    height BIGINT NOT NULL,
                    format TEXT NOT NULL,
                    bytes BYTEA NOT NULL,
                    PRIMARY KEY (image_id, kind, width, format)
                )
                """,
                "ALTER TABLE posts ADD COLUMN feature_image_caption TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE authors ADD COLUMN image_id BIGINT",
            ]),
        // Site search by id range (``SearchIndex/rangeSize`` posts a partition, made as posts
        // reach it): GIN finds every match of a word at once, in no order, so a word in most of
        // 100,000 posts cost a search a walk over all of them; a search now walks the newest
        // partitions first and stops once it has its window (``SiteStore/rankWindow``). The
        // title and the tags-and-excerpt get vectors of their own, so the window is scored from
        // two small GIN lookups instead of reading each match's vector. The index is filled
        // again after the migrations (``SiteStore/indexPostsForSearch(in:)``).
        Migration(
            name: "v13-search-ranges",
            statements: [
                "DROP TABLE post_search",
                """
                CREATE TABLE post_search (
                    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    tags_excerpt TEXT NOT NULL,
                    preview TEXT NOT NULL,
                    rest TEXT NOT NULL,
                    preview_blocks BIGINT NOT NULL,
                    vector TSVECTOR NOT NULL,
                    free_vector TSVECTOR NOT NULL,
                    pairs TSVECTOR NOT NULL,
                    title_vector TSVECTOR NOT NULL,
                    tags_vector TSVECTOR NOT NULL,
                    PRIMARY KEY (post_id)
                ) PARTITION BY RANGE (post_id)
                """,
                "CREATE INDEX post_search_vector ON post_search USING GIN (vector)",
                "CREATE INDEX post_search_pairs ON post_search USING GIN (pairs)",
                "CREATE INDEX post_search_title ON post_search USING GIN (title_vector)",
                "CREATE INDEX post_search_tags ON post_search USING GIN (tags_vector)",
            ]),
        // A search's walk read `posts` for the publication of each match in its window, a third
        // of its time: the index now keeps each post's status, date and visibility, and a
        // trigger copies them whenever they change, whatever the write. The pair keys become
        // pairs of PostgreSQL's own stems one or two positions apart in the post's vector (two:
        // a stop word between, "farm off coast"), joined by U+E000 or U+E001, so a quoted phrase
        // of two words is decided by its key alone (``PostgresPhraseKeys``), with no word
        // position read. Both stems have the same weight: a phrase never runs from the title
        // into the tags or the body, where the vectors are joined. The rows are updated in
        // place: about 2.5 minutes per 100,000 posts.
        Migration(
            name: "v14-search-publication",
            statements: [
                // A text whose keys would not fit in a `tsvector` (1 MB of lexemes, past which
                // `array_to_tsvector` writes a corrupt vector; positions stop at the 16,383rd
                // word, so only long words get there) gets the one key U+E002 instead, which
                // every phrase's candidates include and check by word positions
                // (``PostgresPhraseKeys``).
                """
                CREATE FUNCTION byline_search_pairs(vector tsvector) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    WITH at AS (
                        SELECT u.lexeme, p.position, p.weight
                        FROM unnest(vector) u, unnest(u.positions, u.weights) p(position, weight)
                    ), keys AS (
                        SELECT DISTINCT a.lexeme || chr(57343 + g.gap) || b.lexeme AS key
                        FROM at a CROSS JOIN (VALUES (1), (2)) g(gap)
                        JOIN at b ON b.position = a.position + g.gap AND b.weight = a.weight
                    )
                    SELECT CASE
                        WHEN (SELECT COALESCE(SUM(octet_length(key) + 8), 0) FROM keys) > 900000
                            OR EXISTS (SELECT 1 FROM keys WHERE octet_length(key) > 2046)
                        THEN array_to_tsvector(ARRAY[chr(57346)])
                        ELSE COALESCE((SELECT array_to_tsvector(array_agg(key)) FROM keys), ''::tsvector)
                    END
                $$
                """,
                "ALTER TABLE post_search ADD COLUMN status TEXT, ADD COLUMN published_at TIMESTAMPTZ, ADD COLUMN visibility TEXT",
                """
                UPDATE post_search s SET status = p.status, published_at = p.published_at, visibility = p.visibility,
                    pairs = byline_search_pairs(s.vector)
                FROM posts p WHERE p.id = s.post_id
                """,
                """
                CREATE FUNCTION byline_post_search_publication() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE post_search SET status = NEW.status, published_at = NEW.published_at, visibility = NEW.visibility
                    WHERE post_id = NEW.id;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER posts_search_publication AFTER UPDATE OF status, published_at, visibility ON posts
                FOR EACH ROW WHEN (
                    OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
                    OR OLD.visibility IS DISTINCT FROM NEW.visibility
                ) EXECUTE FUNCTION byline_post_search_publication()
                """,
            ]),
        // A quoted phrase of three words still had the word positions of each of up to 2,000
        // candidates checked (about 8 µs each, read out of TOAST). The keys gain the runs of
        // three stems at adjacent positions, with the same weight, joined by U+E000 twice: a
        // post holding that key holds the phrase, so such a phrase is decided by its keys too
        // (``PostgresPhraseKeys``). About 27% more keys; the rows are updated in place, about
        // 4 minutes per 100,000 posts.
        //
        // Planning a walk over nine partitions took 3 to 4 ms, a quarter of it decompressing
        // each partition's statistics of its vectors (a thousand most common keys) to estimate
        // a GIN match, which with the planner's settings of a search chooses nothing: those
        // columns keep a tenth of the statistics (``SearchIndex/makeRange(_:_:)`` for new
        // partitions, which do not inherit it).
        Migration(
            name: "v15-search-triple-keys",
            statements: [
                """
                CREATE OR REPLACE FUNCTION byline_search_pairs(vector tsvector) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    WITH at AS (
                        SELECT u.lexeme, p.position, p.weight
                        FROM unnest(vector) u, unnest(u.positions, u.weights) p(position, weight)
                    ), keys AS (
                        SELECT a.lexeme || chr(57343 + g.gap) || b.lexeme AS key
                        FROM at a CROSS JOIN (VALUES (1), (2)) g(gap)
                        JOIN at b ON b.position = a.position + g.gap AND b.weight = a.weight
                        UNION
                        SELECT a.lexeme || chr(57344) || b.lexeme || chr(57344) || c.lexeme
                        FROM at a JOIN at b ON b.position = a.position + 1 AND b.weight = a.weight
                        JOIN at c ON c.position = b.position + 1 AND c.weight = b.weight
                    )
                    SELECT CASE
                        WHEN (SELECT COALESCE(SUM(octet_length(key) + 8), 0) FROM keys) > 900000
                            OR EXISTS (SELECT 1 FROM keys WHERE octet_length(key) > 2046)
                        THEN array_to_tsvector(ARRAY[chr(57346)])
                        ELSE COALESCE((SELECT array_to_tsvector(array_agg(key)) FROM keys), ''::tsvector)
                    END
                $$
                """,
                "UPDATE post_search SET pairs = byline_search_pairs(vector)",
                """
                ALTER TABLE post_search ALTER COLUMN vector SET STATISTICS 10, ALTER COLUMN free_vector SET STATISTICS 10,
                    ALTER COLUMN pairs SET STATISTICS 10, ALTER COLUMN title_vector SET STATISTICS 10,
                    ALTER COLUMN tags_vector SET STATISTICS 10
                """,
                "ANALYZE post_search",
            ]),
        // The search index's GIN indexes rebuilt (``SearchIndex`` `+Compaction`): filled a row at
        // a time by imports, and rewritten whole by `v14` and `v15`, they were up to eight times
        // the size of the same indexes built at once, and every kind of search was 10 to 20%
        // slower at p50. One partition at a time in this transaction: `REINDEX` of the
        // partitioned table itself may not run inside one. 17 s per 100,000 posts.
        Migration(
            name: "v16-search-compact",
            statements: [
                """
                DO $$
                DECLARE part regclass;
                BEGIN
                    FOR part IN SELECT inhrelid::regclass FROM pg_inherits
                        WHERE inhparent = 'post_search'::regclass ORDER BY 1
                    LOOP
                        EXECUTE format('REINDEX TABLE %s', part);
                    END LOOP;
                END
                $$
                """
            ]),
        // The posts whose phrase keys would not fit (``PostgresPhraseKeys/tooManyKeys``), kept in
        // a table of their own: a phrase search reads them once, and finding them with the
        // `pairs` GIN index of every partition made its planning 0.5 ms longer. Usually empty.
        Migration(
            name: "v17-search-lacking-keys",
            statements: [
                """
                CREATE TABLE search_lacking_keys (
                    post_id BIGINT PRIMARY KEY REFERENCES post_search (post_id) ON DELETE CASCADE
                )
                """,
                """
                INSERT INTO search_lacking_keys
                SELECT post_id FROM post_search WHERE pairs @@ CAST(quote_literal(chr(57346)) AS tsquery)
                """,
            ]),
    ]

    /// Applies what `byline_migrations` does not list yet, each migration in its own
    /// transaction; returns the names applied.
    static func apply(_ session: PostgresSession) async throws -> [String] {
        // A session lock, not a transaction lock: it spans several transactions.
        try await session.execute("SELECT pg_advisory_lock(\(lockKey))")
        do {
            let applied = try await applyLocked(session)
            try await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
            return applied
        } catch {
            _ = try? await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
            throw error
        }
    }

    private static func applyLocked(_ session: PostgresSession) async throws -> [String] {
        try await session.execute(
            """
            CREATE TABLE IF NOT EXISTS byline_migrations (
                name TEXT PRIMARY KEY NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """)
        let done = Set(
            try await session.rows("SELECT name FROM byline_migrations").map { try $0.value("name") as String })
        var applied: [String] = []
        for migration in all where !done.contains(migration.name) {
            try await session.transaction(begin: "BEGIN") { session in
                for statement in migration.statements {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await session.execute("INSERT INTO byline_migrations (name) VALUES (\(migration.name))")
            }
            applied.append(migration.name)
        }
        return applied
    }

    /// Names of applied migrations, oldest first (for tests and diagnostics).
    static func applied(_ session: PostgresSession) async throws -> [String] {
        try await session.rows("SELECT name FROM byline_migrations ORDER BY applied_at, name").map {
            try $0.value("name")
        }
    }
}
