import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Logging

/// Rows the newsroom tests need that other features create (authors from imports or staff
/// accounts), written straight into the test's database so these tests depend on nothing else.
enum NewsroomFixtures {
    /// A new author row; returns its id.
    static func author(_ store: SiteStore, _ name: String, now: Date = TestStore.defaultNow) async throws -> Int64 {
        try await store.engine.write { db in
            try db.insertReturningID(
                """
                INSERT INTO authors (name, name_key, slug, created_at, updated_at)
                VALUES (\(name), \(TitleKey.make(name)), \(Slug.make(from: name)), \(now), \(now))
                """)
        }
    }

    /// A new staff user row (the password hash is never checked here); returns its id.
    static func staffUser(_ store: SiteStore, _ name: String, now: Date = TestStore.defaultNow) async throws -> Int64 {
        let email = Slug.make(from: name) + "@example.com"
        return try await store.engine.write { db in
            try db.insertReturningID(
                """
                INSERT INTO staff_users (email, email_key, name, role, password_hash, created_at, updated_at)
                VALUES (\(email), \(email), \(name), 'editor', 'x', \(now), \(now))
                """)
        }
    }

    /// Where the counts kept on write disagree with counting the posts again, as readable lines
    /// (empty: they agree). Also checks that tag rows carry their post's status and date.
    static func countMismatches(_ store: SiteStore) async throws -> [String] {
        try await store.engine.read { db in
            var mismatches: [String] = []
            for row in try db.fetchAll(
                """
                SELECT t.slug, t.post_count, (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                    WHERE pt.tag_id = t.id AND p.status = 'published') AS actual
                FROM tags t
                """)
            {
                let (kept, actual): (Int, Int) = (try row["post_count"], try row["actual"])
                if kept != actual {
                    mismatches.append("tag \(try row["slug"] as String): \(kept) kept, \(actual) real")
                }
            }
            for row in try db.fetchAll(
                """
                SELECT a.slug, a.post_count, (SELECT COUNT(*) FROM posts p
                    WHERE p.author_id = a.id AND p.status = 'published') AS actual
                FROM authors a
                """)
            {
                let (kept, actual): (Int, Int) = (try row["post_count"], try row["actual"])
                if kept != actual {
                    mismatches.append("author \(try row["slug"] as String): \(kept) kept, \(actual) real")
                }
            }
            let kept: Int = try db.value("SELECT value FROM counters WHERE name = 'published_posts'") ?? -1
            let actual: Int = try db.value("SELECT COUNT(*) FROM posts WHERE status = 'published'") ?? -1
            if kept != actual { mismatches.append("published posts: \(kept) kept, \(actual) real") }
            let stale: Int =
                try db.value(
                    """
                    SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                    WHERE pt.status <> p.status OR (pt.published_at IS NULL) <> (p.published_at IS NULL)
                        OR pt.published_at <> p.published_at
                    """) ?? 0
            if stale > 0 { mismatches.append("\(stale) tag rows with another status or date than their post") }
            return mismatches
        }
    }

    /// How many changes the log holds.
    static func changeCount(_ store: SiteStore) async throws -> Int {
        try await store.engine.read { db in try db.value("SELECT COUNT(*) FROM changes") ?? 0 }
    }
}

/// A draft as tests write it: only what a test cares about differs from the defaults.
func draft(
    _ title: String, authorID: Int64, markdown: String = "Some *text* here.", tags: [String] = [],
    slug: String? = nil, customExcerpt: String? = nil
) -> PostDraft {
    PostDraft(
        title: title, markdown: markdown, customExcerpt: customExcerpt, tagNames: tags, authorID: authorID, slug: slug)
}

/// Polls `condition` every 20 ms for up to `seconds`: what must happen "within N seconds".
func waitUntil(within seconds: Double = 5, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date() + seconds
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// `body`'s value or error, for running two writes at once and judging both.
func attempt<Value: Sendable>(_ body: @Sendable () async throws -> Value) async -> Result<Value, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

/// Services under test log only what goes wrong.
let newsroomTestLogger: Logger = {
    var logger = Logger(label: "byline.test.newsroom")
    logger.logLevel = .warning
    return logger
}()
