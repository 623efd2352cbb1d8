import BylineCore
import BylineTestSupport
import Foundation
import Testing

@testable import BylineStore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What only the PostgreSQL engine has: migrations shared by nodes, URLs, connection failures.
@Suite struct PostgresStoreTests {
    @Test func nodesStartingTogetherApplyEachMigrationOnce() async throws {
        try await withEmptyDatabase { url in
            let clock = ManualClock(TestStore.defaultNow)
            let engines = try (0..<4).map { _ in try PostgresEngine(url: url, maxConnections: 2) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for engine in engines { group.addTask { try await engine.start() } }
                try await group.waitForAll()
            }
            for engine in engines {
                #expect(try await engine.appliedMigrations() == PostgresMigrations.all.map(\.name))
            }
            let tables = try await engines[0].tableNames()
            #expect(
                tables == [
                    "byline_migrations", "settings", "authors", "tags", "posts", "post_tags", "changes",
                    "slug_redirects", "jobs", "counters", "staff_users", "staff_sessions", "api_tokens",
                    "sign_in_failures", "post_revisions", "newsletters", "members", "member_newsletters",
                    "member_tokens", "member_sessions", "signup_attempts", "newsletter_sends",
                    "newsletter_deliveries", "comments", "comment_attempts", "related_stale", "related_vectors",
                    "related_terms", "related_term_counts", "related_posts", "post_search", "images", "image_files",
                    "search_lacking_keys",
                ])
            let indexes = try await engines[0].indexNames()
            #expect(
                indexes.isSuperset(of: [
                    "posts_title_key", "posts_listing", "posts_author_listing", "post_tags_listing", "jobs_due",
                    "jobs_lease", "changes_at", "posts_due", "posts_recent_edits", "staff_sessions_user",
                    "post_revisions_post", "members_status", "member_newsletters_newsletter", "member_tokens_member",
                    "member_sessions_member", "signup_attempts_scope", "newsletter_deliveries_due",
                    "newsletter_deliveries_send",
                ]))
            let stores = engines.map { SiteStore(engine: $0, clock: clock, coordinationTime: .databaseClock) }
            let saved = try await stores[0].upsertPost(matchingTitle: input("Seen Everywhere", tags: ["One"]))
            for store in stores {
                #expect(try await store.post(id: saved.id)?.tags.map(\.name) == ["One"])
            }
            for engine in engines { await engine.shutdown() }
        }
    }

    @Test func badURLsAreRefusedWithTheReason() throws {
        let cases: [(url: String, reason: String)] = [
            ("mysql://byline@127.0.0.1/site", "postgres:// or postgresql://"),
            ("postgres://127.0.0.1/site", "no user name"),
            ("postgres://byline@:5432/site", "no host"),
            ("postgres://byline@127.0.0.1:0/site", "out of range"),
            ("postgres://byline@127.0.0.1/site?pool=3", "unsupported parameter pool"),
            ("postgres://byline@127.0.0.1/site/extra", "just the database name"),
            ("just words", "not a URL"),
        ]
        for (url, reason) in cases {
            let error = #expect(throws: PostgresStoreError.self) { try PostgresEngine(url: url) }
            guard case .invalidURL(let message) = error else {
                Issue.record("\(url): expected invalidURL, got \(String(describing: error))")
                continue
            }
            #expect(message.contains(reason), "\(url): \(message)")
        }
        // A password never appears in the message.
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresEngine(url: "postgres://byline:s3cret@127.0.0.1/site?x=1")
        }
        #expect(error.map { "\($0)" }?.contains("s3cret") == false)
        #expect(throws: StoreError.self) {
            try PostgresEngine(url: "postgres://byline@127.0.0.1/site", maxConnections: 0)
        }
        // Accepted forms (nothing connects yet).
        _ = try PostgresEngine(url: "postgresql://byline:pw@127.0.0.1:6543/site?sslmode=disable")
        let parsed = try PostgresURL(parsing: "postgres://us%40er:p%3Aw@db.example:6543/my_site")
        #expect(
            parsed
                == PostgresURL(host: "db.example", port: 6543, username: "us@er", password: "p:w", database: "my_site"))
        #expect(try PostgresURL(parsing: parsed.text) == parsed)
    }

    @Test func refusedConnectionFailsFastWithTheAddress() async throws {
        let port = try unusedPort()
        let engine = try PostgresEngine(url: "postgres://byline@127.0.0.1:\(port)/site")
        let store = SiteStore(engine: engine, coordinationTime: .databaseClock)
        let started = Date()
        let error = await #expect(throws: PostgresStoreError.self) { try await engine.start() }
        guard case .cannotConnect(let reason) = error else {
            Issue.record("expected cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("127.0.0.1:\(port)"))
        #expect(Date().timeIntervalSince(started) < 10)
        // A store that failed to start refuses queries rather than waiting for a pool.
        await #expect(throws: PostgresStoreError.notRunning) { try await store.postCount() }
    }

    @Test func missingDatabaseIsACannotConnectError() async throws {
        let server = try serverURL()
        let url = try PostgresURL(parsing: server).with(database: "byline_no_such_database").text
        let engine = try PostgresEngine(url: url)
        let error = await #expect(throws: PostgresStoreError.self) { try await engine.start() }
        #expect(error.map { "\($0)" }?.contains("does not exist") == true, "\(String(describing: error))")
    }

    @Test func queriesBeforeTheStoreRunsFailClearly() async throws {
        let store = SiteStore(
            engine: try PostgresEngine(url: "postgres://byline@127.0.0.1:5432/site"), coordinationTime: .databaseClock)
        await #expect(throws: PostgresStoreError.notRunning) { try await store.postCount() }
        await #expect(throws: PostgresStoreError.notRunning) {
            try await store.upsertPost(matchingTitle: input("Never"))
        }
    }

    @Test func runAsAServiceRunsThePoolUntilCancelled() async throws {
        try await withEmptyDatabase { url in
            let engine = try PostgresEngine(url: url)
            let store = SiteStore(
                engine: engine, clock: ManualClock(TestStore.defaultNow), coordinationTime: .databaseClock)
            let service = Task { try await engine.run() }
            try await engine.migrate()
            _ = try await store.upsertPost(matchingTitle: input("Served"))
            #expect(try await store.postCount() == 1)
            service.cancel()
            try await service.value
            await #expect(throws: PostgresStoreError.notRunning) { try await store.postCount() }
        }
    }

    /// A server that stops answering (its backend process stopped with SIGSTOP, as a hung host
    /// or a network partition would) cannot hold a query past the deadline: the connection is
    /// closed and the caller hears `timedOut` in time; the pool then connects afresh.
    @Test func aStalledServerCannotHoldAQueryPastTheDeadline() async throws {
        try await withEmptyDatabase { url in
            let engine = try PostgresEngine(url: url, maxConnections: 1, queryTimeout: .seconds(1))
            try await engine.start()
            let store = SiteStore(engine: engine, coordinationTime: .databaseClock)
            let backend: Int = try #require(try await engine.read { db in try db.value("SELECT pg_backend_pid()") })
            #expect(kill(pid_t(backend), SIGSTOP) == 0)
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresStoreError.self) { try await store.postCount() }
            let waited = ContinuousClock.now - started
            kill(pid_t(backend), SIGCONT)
            guard case .timedOut = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                await engine.shutdown()
                return
            }
            #expect(waited < .seconds(3), "waited \(waited)")
            // The stalled connection was dropped: the next query gets a new one.
            var answered = false
            for _ in 0..<50 where !answered {
                answered = (try? await store.postCount()) == 0
                if !answered { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(answered)
            await engine.shutdown()
        }
    }

    /// The server ends a statement that runs past the deadline too (`statement_timeout`), so it
    /// holds no locks after the client gave up.
    @Test func theServerCancelsAStatementPastTheDeadline() async throws {
        try await withEmptyDatabase { url in
            let engine = try PostgresEngine(url: url, maxConnections: 1, queryTimeout: .seconds(1))
            try await engine.start()
            let error = await #expect(throws: PostgresStoreError.self) {
                try await engine.read { db in try db.execute("SELECT pg_sleep(5)") }
            }
            guard case .timedOut = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                await engine.shutdown()
                return
            }
            // A long operation (a copy, a migration) is not bound by it.
            try await engine.longRead { db in try db.execute("SELECT pg_sleep(1.5)") }
            await engine.shutdown()
        }
    }
}

/// The test server's URL, or the failure that explains how to get one.
func serverURL() throws -> String {
    guard let url = ProcessInfo.processInfo.environment[TestStore.postgresURLVariable], !url.isEmpty else {
        throw TestStoreError.postgresServerNotSet
    }
    return url
}

/// A new database with no schema, dropped afterwards.
func withEmptyDatabase(_ body: (String) async throws -> Void) async throws {
    let server = try serverURL()
    let name = "byline_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let url = try await PostgresDatabases.create(name, onServer: server)
    do {
        try await body(url)
        try await PostgresDatabases.drop(name, onServer: server)
    } catch {
        try? await PostgresDatabases.drop(name, onServer: server)
        throw error
    }
}

/// A loopback port nothing listens on: bound by the system, then released.
func unusedPort() throws -> Int {
    #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
