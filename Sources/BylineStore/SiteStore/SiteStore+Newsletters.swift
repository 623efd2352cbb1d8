import BylineCore
import Foundation

/// The site's newsletters, written once for both engines. A site has a handful, so lists read
/// the whole table.
extension SiteStore {
    static let newsletterColumns: SQL = "id, slug, name, description, sort_order, active, created_at"

    static func newsletter(_ row: SQLRow) throws -> Newsletter {
        Newsletter(
            id: try row["id"], slug: try row["slug"], name: try row["name"], description: try row["description"],
            sortOrder: try row["sort_order"], active: (try row["active"] as Int64) != 0,
            createdAt: try row["created_at"])
    }

    public func newsletters(includingInactive: Bool) async throws -> [Newsletter] {
        try await engine.read { db in
            try Self.newsletters(db, includingInactive: includingInactive)
        }
    }

    static func newsletters(_ db: any SQLConnection, includingInactive: Bool) throws -> [Newsletter] {
        let condition: SQL = includingInactive ? "" : " WHERE active = 1"
        return try db.fetchAll("SELECT \(newsletterColumns) FROM newsletters\(condition) ORDER BY sort_order, id")
            .map(newsletter)
    }

    public func newsletter(id: Int64) async throws -> Newsletter? {
        try await engine.read { db in
            try db.fetchOne("SELECT \(Self.newsletterColumns) FROM newsletters WHERE id = \(id)").map(Self.newsletter)
        }
    }

    public func newsletter(slug: String) async throws -> Newsletter? {
        try await engine.read { db in
            try db.fetchOne("SELECT \(Self.newsletterColumns) FROM newsletters WHERE slug = \(slug)").map(
                Self.newsletter)
        }
    }

    public func createNewsletter(_ input: NewsletterInput) async throws -> Newsletter {
        let plan = try NewsletterWritePlan(input, now: clock.now())
        return try await engine.write { db in try Self.insertNewsletter(db, plan) }
    }

    static func insertNewsletter(_ db: any SQLConnection, _ plan: NewsletterWritePlan) throws -> Newsletter {
        let slug: String
        if let requested = plan.requestedSlug {
            guard try !newsletterSlugTaken(db, requested, byOtherThan: nil) else {
                throw StoreError.slugTaken(requested)
            }
            slug = requested
        } else {
            slug = try Slug.unique(plan.derivedSlugBase) { try newsletterSlugTaken(db, $0, byOtherThan: nil) }
        }
        let id = try db.insertReturningID(
            """
            INSERT INTO newsletters (slug, name, description, sort_order, active, created_at)
            VALUES (\(slug), \(plan.name), \(plan.description), \(plan.sortOrder), \(plan.active ? 1 : 0), \(plan.now))
            """)
        guard let row = try db.fetchOne("SELECT \(newsletterColumns) FROM newsletters WHERE id = \(id)") else {
            throw StoreError.notFound("newsletter \(id)")
        }
        return try newsletter(row)
    }

    public func updateNewsletter(id: Int64, _ input: NewsletterInput) async throws -> Newsletter {
        let plan = try NewsletterWritePlan(input, now: clock.now())
        return try await engine.write { db in
            if let requested = plan.requestedSlug, try Self.newsletterSlugTaken(db, requested, byOtherThan: id) {
                throw StoreError.slugTaken(requested)
            }
            let slug: SQL = plan.requestedSlug.map { "slug = \($0), " } ?? ""
            try db.execute(
                """
                UPDATE newsletters SET \(slug)name = \(plan.name), description = \(plan.description),
                    sort_order = \(plan.sortOrder), active = \(plan.active ? 1 : 0) WHERE id = \(id)
                """)
            guard let row = try db.fetchOne("SELECT \(Self.newsletterColumns) FROM newsletters WHERE id = \(id)")
            else { throw StoreError.notFound("newsletter \(id)") }
            return try Self.newsletter(row)
        }
    }

    /// The advisory lock that makes ``ensureDefaultNewsletter(name:)`` one node at a time.
    static let defaultNewsletterLock: Int64 = 0x6279_6c6e_6e6c_0001

    public func ensureDefaultNewsletter(name: String) async throws -> [Newsletter] {
        // Any site title makes a valid name: a server must not fail to start over its title.
        let folded = String(name.collapsingWhitespace().prefix(NewsletterWritePlan.maxNameLength))
        let plan = try NewsletterWritePlan(
            NewsletterInput(name: folded.isEmpty ? "Newsletter" : folded), now: clock.now())
        return try await engine.write { db in
            // Nodes starting together: on PostgreSQL each waits for the lock, so the second
            // sees the first's newsletter instead of making one of its own (SQLite writes one
            // transaction at a time anyway).
            if db.dialect == .postgres {
                _ = try db.fetchAll("SELECT pg_advisory_xact_lock(\(Self.defaultNewsletterLock))")
            }
            if try db.value("SELECT 1 FROM newsletters LIMIT 1", as: Int.self) == nil {
                _ = try Self.insertNewsletter(db, plan)
            }
            return try Self.newsletters(db, includingInactive: false)
        }
    }

    static func newsletterSlugTaken(_ db: any SQLConnection, _ slug: String, byOtherThan id: Int64?) throws -> Bool {
        try db.value("SELECT 1 FROM newsletters WHERE slug = \(slug) AND id <> \(id ?? 0)", as: Int.self) != nil
    }
}
