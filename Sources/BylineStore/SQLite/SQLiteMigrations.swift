import GRDB

/// The SQLite schema, as named migrations applied in order and recorded in `grdb_migrations`.
/// Never edit a shipped migration: add a new one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core-schema") { db in
            try db.execute(
                sql: """
                    CREATE TABLE settings (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE authors (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL UNIQUE,
                        slug TEXT NOT NULL UNIQUE,
                        bio TEXT NOT NULL DEFAULT '',
                        user_id INTEGER,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE TABLE tags (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL UNIQUE,
                        slug TEXT NOT NULL UNIQUE,
                        description TEXT NOT NULL DEFAULT '',
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE posts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        title TEXT NOT NULL CHECK (length(title) > 0),
                        title_key TEXT NOT NULL,
                        slug TEXT NOT NULL UNIQUE,
                        body TEXT NOT NULL,
                        excerpt TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
                        visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
                        published_at TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
                        stated_reading_minutes INTEGER,
                        reading_minutes INTEGER NOT NULL
                    );
                    CREATE INDEX posts_title_key ON posts(title_key);
                    CREATE INDEX posts_public ON posts(status, published_at);
                    CREATE INDEX posts_author ON posts(author_id, published_at);
                    CREATE TABLE post_tags (
                        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (post_id, tag_id)
                    );
                    CREATE INDEX post_tags_tag ON post_tags(tag_id);
                    CREATE TABLE changes (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        keys TEXT NOT NULL
                    );
                    CREATE TABLE slug_redirects (
                        old_slug TEXT PRIMARY KEY NOT NULL,
                        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-jobs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE jobs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (length(kind) > 0),
                        payload TEXT NOT NULL,
                        unique_key TEXT UNIQUE,
                        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
                        run_at TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
                        locked_by TEXT,
                        locked_until TEXT,
                        last_error TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX jobs_due ON jobs(status, run_at);
                    CREATE INDEX jobs_lease ON jobs(status, locked_until);
                    """)
        }
        // Listings walk one index in order and read counts kept on write: pages cost the same at
        // 100,000 posts as at 1,000.
        migrator.registerMigration("v3-scale") { db in
            try db.execute(
                sql: """
                    ALTER TABLE tags ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE authors ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE post_tags ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
                    ALTER TABLE post_tags ADD COLUMN published_at TEXT;
                    CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value BIGINT NOT NULL);
                    UPDATE post_tags SET status = (SELECT p.status FROM posts p WHERE p.id = post_tags.post_id), published_at = (SELECT p.published_at FROM posts p WHERE p.id = post_tags.post_id);
                    UPDATE tags SET post_count = (SELECT COUNT(*) FROM post_tags pt WHERE pt.tag_id = tags.id AND pt.status = 'published');
                    UPDATE authors SET post_count = (SELECT COUNT(*) FROM posts p WHERE p.author_id = authors.id AND p.status = 'published');
                    INSERT INTO counters (name, value) SELECT 'published_posts', COUNT(*) FROM posts WHERE status = 'published';
                    DROP INDEX posts_public;
                    DROP INDEX posts_author;
                    DROP INDEX post_tags_tag;
                    CREATE INDEX posts_listing ON posts(status, published_at, id);
                    CREATE INDEX posts_author_listing ON posts(author_id, status, published_at, id);
                    CREATE INDEX post_tags_listing ON post_tags(tag_id, status, published_at, post_id);
                    CREATE INDEX changes_at ON changes(at);
                    CREATE INDEX jobs_finished ON jobs(status, updated_at);
                    """)
        }
        // The newsroom: Markdown bodies rendered on save, staff and their sessions, API tokens,
        // sign-in throttling and revisions.
        migrator.registerMigration("v4-newsroom") { db in
            try db.execute(
                sql: """
                    ALTER TABLE posts ADD COLUMN body_html TEXT;
                    ALTER TABLE posts ADD COLUMN read_also TEXT NOT NULL DEFAULT '';
                    ALTER TABLE posts ADD COLUMN custom_excerpt TEXT;
                    ALTER TABLE posts ADD COLUMN feature_image TEXT NOT NULL DEFAULT '';
                    ALTER TABLE posts ADD COLUMN feature_image_alt TEXT NOT NULL DEFAULT '';
                    CREATE INDEX posts_recent_edits ON posts(updated_at, id);
                    CREATE INDEX posts_due ON posts(status, published_at) WHERE status = 'scheduled';
                    CREATE TABLE staff_users (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        email TEXT NOT NULL,
                        email_key TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL CHECK (length(name) > 0),
                        role TEXT NOT NULL CHECK (role IN ('owner', 'administrator', 'editor', 'author', 'contributor')),
                        password_hash TEXT NOT NULL,
                        suspended INTEGER NOT NULL DEFAULT 0,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX authors_user ON authors(user_id) WHERE user_id IS NOT NULL;
                    CREATE TABLE staff_sessions (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        user_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        last_seen_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    );
                    CREATE INDEX staff_sessions_user ON staff_sessions(user_id);
                    CREATE INDEX staff_sessions_expiry ON staff_sessions(expires_at);
                    CREATE TABLE api_tokens (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        user_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        token_hash TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL,
                        last_used_at TEXT
                    );
                    CREATE INDEX api_tokens_user ON api_tokens(user_id);
                    CREATE TABLE sign_in_failures (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        scope TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX sign_in_failures_scope ON sign_in_failures(scope, at);
                    CREATE TABLE post_revisions (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,
                        custom_excerpt TEXT,
                        tags TEXT NOT NULL DEFAULT '',
                        saved_by INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
                        reason TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX post_revisions_post ON post_revisions(post_id, id);
                    """)
        }
        // Members and newsletters: email signup with double opt-in, emailed single-use links,
        // member sessions and the signup throttle. Flags are 0/1 integers, as `suspended` is.
        migrator.registerMigration("v5-members") { db in
            try db.execute(
                sql: """
                    CREATE TABLE newsletters (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL CHECK (length(name) > 0),
                        description TEXT NOT NULL DEFAULT '',
                        sort_order INTEGER NOT NULL DEFAULT 0,
                        active INTEGER NOT NULL DEFAULT 1,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE members (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        email TEXT NOT NULL,
                        email_key TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL DEFAULT '',
                        name_key TEXT NOT NULL DEFAULT '',
                        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
                        created_at TEXT NOT NULL,
                        confirmed_at TEXT,
                        updated_at TEXT NOT NULL,
                        last_signup_email_at TEXT,
                        hard_bounces INTEGER NOT NULL DEFAULT 0,
                        email_disabled INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX members_status ON members(status, id);
                    CREATE TABLE member_newsletters (
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL,
                        PRIMARY KEY (member_id, newsletter_id)
                    );
                    CREATE INDEX member_newsletters_newsletter ON member_newsletters(newsletter_id, member_id);
                    CREATE TABLE member_tokens (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        purpose TEXT NOT NULL CHECK (purpose IN ('confirm-signup', 'sign-in', 'change-email')),
                        new_email TEXT,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        used_at TEXT
                    );
                    CREATE INDEX member_tokens_member ON member_tokens(member_id);
                    CREATE INDEX member_tokens_expiry ON member_tokens(expires_at);
                    CREATE TABLE member_sessions (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    );
                    CREATE INDEX member_sessions_member ON member_sessions(member_id);
                    CREATE INDEX member_sessions_expiry ON member_sessions(expires_at);
                    CREATE TABLE signup_attempts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        scope TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX signup_attempts_scope ON signup_attempts(scope, at);
                    CREATE INDEX signup_attempts_at ON signup_attempts(at);
                    """)
        }
        // Newsletter delivery: a post's email rendered once per newsletter, and one delivery row
        // per member, leased like jobs but claimed and recorded in batches (100,000 members do
        // not cost 200,000 write transactions). `email_newsletter_id` is the editor's "send by
        // email" choice, acted on when the post goes live.
        migrator.registerMigration("v6-newsletter-delivery") { db in
            try db.execute(
                sql: """
                    ALTER TABLE posts ADD COLUMN email_newsletter_id INTEGER REFERENCES newsletters(id) ON DELETE SET NULL;
                    CREATE TABLE newsletter_sends (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                        newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
                        subject TEXT NOT NULL,
                        html TEXT NOT NULL,
                        text_body TEXT NOT NULL,
                        site_url TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        UNIQUE (post_id, newsletter_id)
                    );
                    CREATE TABLE newsletter_deliveries (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        send_id INTEGER NOT NULL REFERENCES newsletter_sends(id) ON DELETE CASCADE,
                        post_id INTEGER NOT NULL,
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        run_at TEXT NOT NULL,
                        locked_by TEXT,
                        locked_until TEXT,
                        last_error TEXT,
                        finished_at TEXT,
                        UNIQUE (post_id, member_id)
                    );
                    CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries(status, run_at);
                    CREATE INDEX newsletter_deliveries_lease ON newsletter_deliveries(status, locked_until);
                    CREATE INDEX newsletter_deliveries_send ON newsletter_deliveries(send_id, status);
                    CREATE INDEX newsletter_deliveries_member ON newsletter_deliveries(member_id);
                    """)
        }
        // The subscriber gate: `paid` joins the visibilities. SQLite cannot alter a CHECK, so
        // the table is rebuilt from its own stored definition (every column added since
        // included), rows copied as they are, and its indexes made again. Foreign keys are off
        // during a migration and checked before it commits (GRDB's default), so the tables
        // that reference posts keep pointing at it.
        migrator.registerMigration("v7-paid-visibility") { db in
            guard
                let definition = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'posts'")
            else { return }
            let indexes = try String.fetchAll(
                db,
                sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL")
            let oldCheck = "CHECK (visibility IN ('public', 'members'))"
            guard definition.contains(oldCheck), definition.hasPrefix("CREATE TABLE posts (") else {
                throw DatabaseError(message: "posts has a definition this migration does not know")
            }
            let rebuilt = definition.replacingOccurrences(
                of: oldCheck, with: "CHECK (visibility IN ('public', 'members', 'paid'))"
            ).replacingOccurrences(of: "CREATE TABLE posts (", with: "CREATE TABLE posts_v7 (")
            // The id counter goes with the dropped table: keep it, so no id of a deleted post
            // (named by a queued job or the change log) is ever given to another.
            let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'posts'") ?? 0
            try db.execute(sql: rebuilt)
            try db.execute(sql: "INSERT INTO posts_v7 SELECT * FROM posts")
            try db.execute(sql: "DROP TABLE posts")
            try db.execute(sql: "ALTER TABLE posts_v7 RENAME TO posts")
            for index in indexes { try db.execute(sql: index) }
            try db.execute(
                sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'posts'", arguments: [sequence])
            // Whether a gated post's excerpt lies in its free preview (see PostSummary). Posts
            // saved before: a body of one block has nothing to preview, so its excerpt would
            // give text away (a cut marker did not exist yet; every save recomputes it).
            try db.execute(sql: "ALTER TABLE posts ADD COLUMN excerpt_in_preview INTEGER NOT NULL DEFAULT 1")
            try db.execute(
                sql: """
                    UPDATE posts SET excerpt_in_preview = 0
                    WHERE custom_excerpt IS NULL AND instr(trim(body, ' ' || char(9, 10, 13)), char(10) || char(10)) = 0
                    """)
        }
        // Comments under articles: one level of replies (`parent_id` names a top-level comment),
        // the member's plain text as typed, moderation by status. `posts.comment_count` counts
        // the published ones, kept in the transaction of every comment write, so listings show
        // it without a join. A deleted member's comments go with them (ON DELETE CASCADE, and
        // the store recounts the posts they were on). `reply_emailed_at` marks a reply whose
        // email to the parent's author was taken for sending: a job run again sends no second.
        // `comment_attempts` logs each accepted comment for the per-member rate limit, so a
        // deleted comment still counts; rows older than the window are pruned on the next post.
        migrator.registerMigration("v8-comments") { db in
            try db.execute(
                sql: """
                    ALTER TABLE posts ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE members ADD COLUMN comments_banned INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE members ADD COLUMN comment_reply_emails INTEGER NOT NULL DEFAULT 1;
                    CREATE TABLE comments (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'hidden')),
                        created_at TEXT NOT NULL,
                        edited_at TEXT,
                        reply_emailed_at TEXT
                    );
                    CREATE INDEX comments_post ON comments(post_id, status, id);
                    CREATE INDEX comments_member ON comments(member_id, created_at);
                    CREATE INDEX comments_status ON comments(status, id);
                    CREATE INDEX comments_parent ON comments(parent_id);
                    CREATE TABLE comment_attempts (
                        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX comment_attempts_member ON comment_attempts(member_id, created_at);
                    """)
        }
        // Related articles (see SiteStore+Related.swift): each published post's term vector and
        // its terms' postings and counts (candidates without a scan), its top related posts, a
        // stale marker per post whose list a job must recompute, and the editor's switch for the
        // automatic READ ALSO. Every published post starts stale: the job fills the lists.
        migrator.registerMigration("v9-related") { db in
            try db.execute(
                sql: """
                    ALTER TABLE posts ADD COLUMN auto_read_also INTEGER NOT NULL DEFAULT 1;
                    CREATE TABLE related_stale (
                        post_id INTEGER PRIMARY KEY NOT NULL,
                        changed INTEGER NOT NULL
                    );
                    CREATE TABLE related_vectors (
                        post_id INTEGER PRIMARY KEY NOT NULL,
                        terms TEXT NOT NULL
                    );
                    CREATE TABLE related_terms (
                        term TEXT NOT NULL,
                        post_id INTEGER NOT NULL,
                        PRIMARY KEY (term, post_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE related_term_counts (
                        term TEXT PRIMARY KEY NOT NULL,
                        posts INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE related_posts (
                        post_id INTEGER NOT NULL,
                        rank INTEGER NOT NULL,
                        related_id INTEGER NOT NULL,
                        score REAL NOT NULL,
                        PRIMARY KEY (post_id, rank)
                    );
                    CREATE INDEX related_posts_related ON related_posts(related_id);
                    INSERT INTO related_stale (post_id, changed) SELECT id, 1 FROM posts WHERE status = 'published';
                    """)
        }
        // Site search: an FTS5 table, rowid = post id, with the free part of a post (title, tags
        // and excerpt, preview) apart from the rest of its body (see SearchIndex, SearchScope).
        // `porter` stems English words ("budgets" finds "budget") around `unicode61`, which
        // folds case and diacritics ("Zurich" finds "Zürich"); words of other languages pass
        // the stemmer unchanged. Filled here for the posts there are. `posts_search_gate` lets a
        // search check each match's publication and visibility without reading the post's row
        // (its body's overflow pages lie between the row's start and those columns).
        migrator.registerMigration("v10-search") { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE post_search USING fts5(
                        title, tags_excerpt, preview, rest, preview_blocks UNINDEXED,
                        tokenize = 'porter unicode61 remove_diacritics 2'
                    );
                    CREATE INDEX posts_search_gate ON posts(id, status, published_at, visibility);
                    """)
            // Filled by v11-search-pairs, which makes this table again.
        }
        // Quoted phrases look up the keys of adjacent word pairs first (``SearchPairs``): FTS5
        // adds no column to a table, so the index is made again and filled from `posts`.
        migrator.registerMigration("v11-search-pairs") { db in
            try db.execute(
                sql: """
                    DROP TABLE post_search;
                    CREATE VIRTUAL TABLE post_search USING fts5(
                        title, tags_excerpt, preview, rest, preview_blocks UNINDEXED, pairs,
                        tokenize = 'porter unicode61 remove_diacritics 2'
                    );
                    """)
            try SearchIndex.rebuild(GRDBConnection(db: db))
        }
        // Uploaded images (see SiteStore+Images.swift): one row per distinct original, found by
        // its fingerprint, and its files (the original and each variant) as BLOBs in the same
        // database file, so a site's data folder and its snapshots hold its pictures. A post's
        // feature image stays an address (`feature_image`), now with a caption; an author may
        // have a picture.
        migrator.registerMigration("v12-images") { db in
            try db.execute(
                sql: """
                    CREATE TABLE images (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        fingerprint TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        original_filename TEXT NOT NULL,
                        format TEXT NOT NULL,
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        original_bytes INTEGER NOT NULL,
                        variant_bytes INTEGER NOT NULL,
                        uploaded_by INTEGER,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE image_files (
                        image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        format TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        PRIMARY KEY (image_id, kind, width, format)
                    );
                    ALTER TABLE posts ADD COLUMN feature_image_caption TEXT NOT NULL DEFAULT '';
                    ALTER TABLE authors ADD COLUMN image_id INTEGER;
                    """)
        }
        return migrator
    }
}
