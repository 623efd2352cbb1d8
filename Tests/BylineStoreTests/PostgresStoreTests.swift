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
            let stores = try (0..<4).map { _ in try PostgresStore(url: url, maxConnections: 2, clock: clock) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.start() } }
                try await group.waitForAll()
            }
            for store in stores {
                #expect(try await store.appliedMigrations() == PostgresMigrations.all.map(\.name))
            }
            let tables = try await stores[0].tableNames()
            #expect(
                tables == [
                    "byline_migrations", "settings", "authors", "tags", "posts", "post_tags", "changes",
                    "slug_redirects", "jobs",
                ])
            let indexes = try await stores[0].indexNames()
            #expect(
                indexes.isSuperset(of: [
                    "posts_title_key", "posts_public", "posts_author", "post_tags_tag", "jobs_due", "jobs_lease",
                ]))
            let saved = try await stores[0].upsertPost(matchingTitle: input("Seen Everywhere", tags: ["One"]))
            for store in stores {
                #expect(try await store.post(id: saved.id)?.tags.map(\.name) == ["One"])
            }
            for store in stores { await store.shutdown() }
        }
    }

    @Test func badURLsAreRefusedWithTheReason() throws {
        let cases: [(url: String, reason: String)] = [
            ("mysql://byline@127.0.0.1/site", "postgres:// or postgresql://"),
            ("postgres://127.0.0.1/site", "no user name"),
            ("postgres://byline@:5432/site", "no host"),
            ("postgres://byline@127.0.0.1:0/site", "out of range"),
            ("postgres://byline@127.0.0.1/site?sslmode=require", "needs TLS"),
            ("postgres://byline@127.0.0.1/site?pool=3", "unsupported parameter pool"),
            ("postgres://byline@127.0.0.1/site/extra", "just the database name"),
            ("just words", "not a URL"),
        ]
        for (url, reason) in cases {
            let error = #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url) }
            guard case .invalidURL(let message) = error else {
                Issue.record("\(url): expected invalidURL, got \(String(describing: error))")
                continue
            }
            #expect(message.contains(reason), "\(url): \(message)")
        }
        // A password never appears in the message.
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresStore(url: "postgres://byline:s3cret@127.0.0.1/site?x=1")
        }
        #expect(error.map { "\($0)" }?.contains("s3cret") == false)
        #expect(throws: StoreError.self) {
            try PostgresStore(url: "postgres://byline@127.0.0.1/site", maxConnections: 0)
        }
        // Accepted forms (nothing connects yet).
        _ = try PostgresStore(url: "postgresql://byline:pw@127.0.0.1:6543/site?sslmode=disable")
        let parsed = try PostgresURL(parsing: "postgres://us%40er:p%3Aw@db.example:6543/my_site")
        #expect(
            parsed
                == PostgresURL(host: "db.example", port: 6543, username: "us@er", password: "p:w", database: "my_site"))
        #expect(try PostgresURL(parsing: parsed.text) == parsed)
    }

    @Test func refusedConnectionFailsFastWithTheAddress() async throws {
        let port = try unusedPort()
        let store = try PostgresStore(url: "postgres://byline@127.0.0.1:\(port)/site")
        let started = Date()
        let error = await #expect(throws: PostgresStoreError.self) { try await store.start() }
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
        let store = try PostgresStore(url: url)
        let error = await #expect(throws: PostgresStoreError.self) { try await store.start() }
        #expect(error.map { "\($0)" }?.contains("does not exist") == true, "\(String(describing: error))")
    }

    @Test func queriesBeforeTheStoreRunsFailClearly() async throws {
        let store = try PostgresStore(url: "postgres://byline@127.0.0.1:5432/site")
        await #expect(throws: PostgresStoreError.notRunning) { try await store.postCount() }
        await #expect(throws: PostgresStoreError.notRunning) {
            try await store.upsertPost(matchingTitle: input("Never"))
        }
    }

    @Test func runAsAServiceRunsThePoolUntilCancelled() async throws {
        try await withEmptyDatabase { url in
            let store = try PostgresStore(url: url, clock: ManualClock(TestStore.defaultNow))
            let service = Task { try await store.run() }
            try await store.migrate()
            _ = try await store.upsertPost(matchingTitle: input("Served"))
            #expect(try await store.postCount() == 1)
            service.cancel()
            try await service.value
            await #expect(throws: PostgresStoreError.notRunning) { try await store.postCount() }
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
