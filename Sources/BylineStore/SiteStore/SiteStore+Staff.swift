import BylineCore
import Foundation

/// Staff accounts, sessions, API tokens and the sign-in throttle, written once for both engines.
extension SiteStore: StaffStore {
    static let staffColumns: SQL = """
        u.id, u.email, u.name, u.role, u.suspended, u.created_at, u.updated_at, a.id AS author_id
        """
    static let staffFrom: SQL = "staff_users u JOIN authors a ON a.user_id = u.id"

    static func staffUser(_ row: SQLRow) throws -> StaffUser {
        let roleName: String = try row["role"]
        guard let role = StaffRole(rawValue: roleName) else {
            throw SQLDecodingError.typeMismatch(column: "role", expected: "a staff role")
        }
        return StaffUser(
            id: try row["id"], email: try row["email"], name: try row["name"], role: role,
            suspended: (try row["suspended"] as Int64) != 0, authorID: try row["author_id"],
            createdAt: try row["created_at"], updatedAt: try row["updated_at"])
    }

    static func emailKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public func createStaffUser(email: String, name: String, role: StaffRole, passwordHash: String) async throws
        -> StaffUser
    {
        let now = clock.now()
        let key = Self.emailKey(email)
        let nameKey = TitleKey.make(name)
        return try await engine.write { db in
            if try db.value("SELECT 1 FROM staff_users WHERE email_key = \(key)", as: Int.self) != nil {
                throw StoreError.emailTaken(email)
            }
            let id = try db.insertReturningID(
                """
                INSERT INTO staff_users (email, email_key, name, role, password_hash, suspended, created_at, updated_at)
                VALUES (\(email), \(key), \(name), \(role.rawValue), \(passwordHash), \(0), \(now), \(now))
                """)
            // An imported byline of the same name becomes theirs; otherwise a new profile.
            if let authorID: Int64 = try db.value(
                "SELECT id FROM authors WHERE name_key = \(nameKey) AND user_id IS NULL")
            {
                try db.execute("UPDATE authors SET user_id = \(id), updated_at = \(now) WHERE id = \(authorID)")
            } else {
                var unique = nameKey
                if try db.value("SELECT 1 FROM authors WHERE name_key = \(unique)", as: Int.self) != nil {
                    unique = nameKey + " #" + String(id)
                }
                let slug = try Self.uniqueSlug(db, base: Slug.make(from: name, fallback: "author"), in: .authors)
                try db.execute(
                    """
                    INSERT INTO authors (name, name_key, slug, user_id, created_at, updated_at)
                    VALUES (\(name), \(unique), \(slug), \(id), \(now), \(now))
                    """)
            }
            guard let row = try db.fetchOne("SELECT \(Self.staffColumns) FROM \(Self.staffFrom) WHERE u.id = \(id)")
            else { throw StoreError.notFound("staff user \(id)") }
            return try Self.staffUser(row)
        }
    }

    public func staffUser(id: Int64) async throws -> StaffUser? {
        try await engine.read { db in
            try db.fetchOne("SELECT \(Self.staffColumns) FROM \(Self.staffFrom) WHERE u.id = \(id)").map(
                Self.staffUser)
        }
    }

    public func staffCredentials(email: String) async throws -> (user: StaffUser, passwordHash: String)? {
        let key = Self.emailKey(email)
        return try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    "SELECT \(Self.staffColumns), u.password_hash FROM \(Self.staffFrom) WHERE u.email_key = \(key)")
            else { return nil }
            return (try Self.staffUser(row), try row["password_hash"])
        }
    }

    public func staffUsers() async throws -> [StaffUser] {
        try await engine.read { db in
            try db.fetchAll("SELECT \(Self.staffColumns) FROM \(Self.staffFrom) ORDER BY u.name, u.id").map(
                Self.staffUser)
        }
    }

    public func updateStaffUser(id: Int64, name: String, role: StaffRole, suspended: Bool) async throws
        -> StaffUser
    {
        let now = clock.now()
        return try await engine.write { db in
            try db.execute(
                """
                UPDATE staff_users SET name = \(name), role = \(role.rawValue), suspended = \(suspended ? 1 : 0),
                    updated_at = \(now) WHERE id = \(id)
                """)
            // A suspended account is signed out everywhere at once.
            if suspended {
                try db.execute("DELETE FROM staff_sessions WHERE user_id = \(id)")
            }
            guard let row = try db.fetchOne("SELECT \(Self.staffColumns) FROM \(Self.staffFrom) WHERE u.id = \(id)")
            else { throw StoreError.notFound("staff user \(id)") }
            return try Self.staffUser(row)
        }
    }

    public func deleteStaffUser(id: Int64) async throws {
        let now = clock.now()
        try await engine.write { db in
            // Their posts stay, credited to their author profile, which simply loses its account.
            try db.execute("UPDATE authors SET user_id = NULL, updated_at = \(now) WHERE user_id = \(id)")
            try db.execute("DELETE FROM staff_users WHERE id = \(id)")
        }
    }

    public func setPasswordHash(userID: Int64, _ hash: String, keepingSession: String?) async throws {
        let now = clock.now()
        try await engine.write { db in
            try db.execute("UPDATE staff_users SET password_hash = \(hash), updated_at = \(now) WHERE id = \(userID)")
            try db.execute(
                "DELETE FROM staff_sessions WHERE user_id = \(userID) AND token_hash <> \(keepingSession ?? "")")
        }
    }

    public func createSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Date) async throws {
        let now = clock.now()
        try await engine.write { db in
            try db.execute(
                """
                INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (\(tokenHash), \(userID), \(csrfToken), \(now), \(now), \(expiresAt))
                """)
        }
    }

    public func session(tokenHash: String) async throws -> StaffSession? {
        let now = clock.now()
        return try await engine.read { db in
            guard
                let row = try db.fetchOne(
                    """
                    SELECT \(Self.staffColumns), s.token_hash, s.csrf_token, s.created_at AS session_created_at,
                        s.expires_at FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
                    JOIN authors a ON a.user_id = u.id
                    WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now) AND u.suspended = 0
                    """)
            else { return nil }
            return StaffSession(
                tokenHash: try row["token_hash"], user: try Self.staffUser(row), csrfToken: try row["csrf_token"],
                createdAt: try row["session_created_at"], expiresAt: try row["expires_at"])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await engine.write { db in try db.execute("DELETE FROM staff_sessions WHERE token_hash = \(tokenHash)") }
    }

    public func pruneSessions() async throws {
        let now = clock.now()
        let failuresBefore = now.addingTimeInterval(-24 * 3600)
        try await engine.write { db in
            try db.execute("DELETE FROM staff_sessions WHERE expires_at <= \(now)")
            try db.execute("DELETE FROM sign_in_failures WHERE at < \(failuresBefore)")
        }
    }

    public func createAPIToken(userID: Int64, name: String, tokenHash: String) async throws -> APIToken {
        let now = clock.now()
        return try await engine.write { db in
            let id = try db.insertReturningID(
                """
                INSERT INTO api_tokens (user_id, name, token_hash, created_at)
                VALUES (\(userID), \(name), \(tokenHash), \(now))
                """)
            return APIToken(id: id, userID: userID, name: name, createdAt: now, lastUsedAt: nil)
        }
    }

    public func apiTokenUser(tokenHash: String) async throws -> StaffUser? {
        let now = clock.now()
        return try await engine.write { db in
            guard
                let row = try db.fetchOne(
                    """
                    SELECT \(Self.staffColumns), t.id AS token_id, t.last_used_at FROM api_tokens t
                    JOIN staff_users u ON u.id = t.user_id JOIN authors a ON a.user_id = u.id
                    WHERE t.token_hash = \(tokenHash) AND u.suspended = 0
                    """)
            else { return nil }
            // "Last used" to the minute is enough to spot a forgotten token, and spares a write
            // on every API call.
            let lastUsed: Date? = try row["last_used_at"]
            if lastUsed.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                let tokenID: Int64 = try row["token_id"]
                try db.execute("UPDATE api_tokens SET last_used_at = \(now) WHERE id = \(tokenID)")
            }
            return try Self.staffUser(row)
        }
    }

    public func apiTokens(userID: Int64) async throws -> [APIToken] {
        try await engine.read { db in
            try db.fetchAll(
                "SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = \(userID) ORDER BY id"
            ).map { row in
                APIToken(
                    id: try row["id"], userID: try row["user_id"], name: try row["name"],
                    createdAt: try row["created_at"], lastUsedAt: try row["last_used_at"])
            }
        }
    }

    public func deleteAPIToken(id: Int64, userID: Int64) async throws {
        try await engine.write { db in
            try db.execute("DELETE FROM api_tokens WHERE id = \(id) AND user_id = \(userID)")
        }
    }

    public func recordSignInFailure(scopes: [String]) async throws {
        let now = clock.now()
        try await engine.write { db in
            for scope in scopes {
                try db.execute("INSERT INTO sign_in_failures (scope, at) VALUES (\(scope), \(now))")
            }
        }
    }

    public func signInFailures(scope: String, since: Date) async throws -> Int {
        try await engine.read { db in
            try db.value("SELECT COUNT(*) FROM sign_in_failures WHERE scope = \(scope) AND at > \(since)") ?? 0
        }
    }

    public func clearSignInFailures(scope: String) async throws {
        try await engine.write { db in try db.execute("DELETE FROM sign_in_failures WHERE scope = \(scope)") }
    }

    public func withdrawSignInFailure(scope: String) async throws {
        try await engine.write { db in
            try db.execute(
                """
                DELETE FROM sign_in_failures WHERE id = (SELECT MAX(id) FROM sign_in_failures WHERE scope = \(scope))
                """)
        }
    }
}
