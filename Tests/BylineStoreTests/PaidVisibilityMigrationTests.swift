import BylineCore
import Foundation
import GRDB
import Testing

@testable import BylineStore

/// SQLite's v7 rebuilds `posts` to allow `paid`: rows, indexes and the id counter survive, so
/// no id of a deleted post is ever given to another (queued jobs and the change log name ids).
@Suite struct PaidVisibilityMigrationTests {
    @Test func theRebuildKeepsRowsIndexesAndTheIdCounter() throws {
        let queue = try DatabaseQueue()
        let migrator = SQLiteMigrations.migrator
        try migrator.migrate(queue, upTo: "v6-newsletter-delivery")
        let indexQuery = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' ORDER BY name"
        let indexesBefore = try queue.read { db in try String.fetchAll(db, sql: indexQuery) }
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO authors (name, name_key, slug, created_at, updated_at) VALUES ('A', 'a', 'a', '2026-01-01', '2026-01-01');
                    INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, created_at, updated_at, author_id, reading_minutes)
                    VALUES ('One', 'one', 'one', 'Only block.', 'Only block.', 'published', 'public', '2026-01-01', '2026-01-01', 1, 1),
                           ('Two', 'two', 'two', 'First.' || char(10) || char(10) || 'Second.', 'First.', 'published', 'members', '2026-01-01', '2026-01-01', 1, 1),
                           ('Three', 'three', 'three', 'Gone.', 'Gone.', 'draft', 'public', '2026-01-01', '2026-01-01', 1, 1);
                    DELETE FROM posts WHERE id = 3;
                    """)
        }
        try migrator.migrate(queue, upTo: "v7-paid-visibility")
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") == 2)
            #expect(try String.fetchOne(db, sql: "SELECT visibility FROM posts WHERE id = 2") == "members")
            let indexesAfter = try String.fetchAll(db, sql: indexQuery)
            #expect(indexesAfter == indexesBefore)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // A one-block body's derived excerpt would give it away under a gate; two blocks do not.
            #expect(try Int.fetchOne(db, sql: "SELECT excerpt_in_preview FROM posts WHERE id = 1") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT excerpt_in_preview FROM posts WHERE id = 2") == 1)
            try db.execute(
                sql: """
                    INSERT INTO posts (title, title_key, slug, body, excerpt, status, visibility, created_at, updated_at, author_id, reading_minutes)
                    VALUES ('Four', 'four', 'four', 'x', 'x', 'draft', 'paid', '2026-01-01', '2026-01-01', 1, 1)
                    """)
            #expect(db.lastInsertedRowID == 4, "id 3 was deleted before the rebuild: it is not given again")
            #expect(throws: (any Error).self) {
                try db.execute(sql: "UPDATE posts SET visibility = 'vip' WHERE id = 4")
            }
        }
    }
}
