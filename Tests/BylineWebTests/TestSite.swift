import BylineCore
import BylineImport
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle

/// A site on a real store (a SQLite file, or a PostgreSQL database) served by the real server
/// on a free port. Its clock is the test store's ``ManualClock``.
struct TestSite {
    let temp: TestStore

    static func open(_ kind: StoreKind) async throws -> TestSite {
        TestSite(temp: try await TestStore.open(kind))
    }

    var store: SiteStore { temp.store }
    var clock: ManualClock { temp.clock }
    var folder: URL { URL(fileURLWithPath: temp.dataFolder) }

    /// bcrypt's fewest rounds: tests sign in often, and the cost is not what they test.
    static let hasher = PasswordHasher(cost: 4)

    /// Staff accounts on this site's store and clock, as the server sees them.
    var accounts: StaffAccounts { StaffAccounts(store: store, hasher: Self.hasher, clock: clock) }

    /// Another connection to the same database, standing in for `byline import` in another
    /// process or a second node.
    func otherProcessStore() async throws -> SiteStore { try await temp.openAnother() }

    func importFiles(_ paths: [String], into target: SiteStore? = nil) async -> [ArticleImporter.Result] {
        await ArticleImporter(store: target ?? store, timeZone: TimeZone(identifier: "UTC")!).importFiles(paths)
    }

    func writeArticle(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `body` against the live server.
    func serve<Value: Sendable>(
        pageCacheBytes: Int = 8 << 20, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await serveWithServer(pageCacheBytes: pageCacheBytes) { client, _ in try await body(client) }
    }

    /// Runs `body` against the live server, with the server at hand (its page cache). `reading`
    /// is what the server reads through (default: the store itself), e.g. a ``WrappedStore``.
    func serveWithServer<Value: Sendable>(
        pageCacheBytes: Int = 8 << 20, databaseTimeout: Duration = .seconds(5), reading: (any SiteReading)? = nil,
        changePollInterval: Duration = .milliseconds(50), memberMailer: MemberMailer? = nil,
        linkKey: MemberLinkKey = .random(), services: [any Service] = [],
        _ body: @Sendable (any TestClientProtocol, SiteServer) async throws -> Value
    ) async throws -> Value {
        let theme = try await Theme(directory: Fixtures.themeDirectory)
        let options = SiteOptions(
            publicURL: "https://news.example", pageCacheBytes: pageCacheBytes, changePollInterval: changePollInterval,
            databaseTimeout: databaseTimeout)
        let adminTheme = try await AdminTheme(directory: Fixtures.adminThemeDirectory)
        let server = SiteServer(
            store: reading ?? store, theme: theme, options: options, clock: clock,
            newsroom: .init(
                store: store, adminTheme: adminTheme, hasher: TestSite.hasher,
                members: memberMailer.map { (store, $0, linkKey) }))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = server.application(host: "127.0.0.1", port: 0, logger: logger, services: services)
        do {
            let value = try await app.test(.live) { client in try await body(client, server) }
            await temp.close()
            return value
        } catch {
            await temp.close()
            throw error
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Polls `uri` until `condition` holds, up to `seconds`; returns the last response. The
    /// bound is above the 2 s the site promises, which the end-to-end tests hold it to on a
    /// server of its own: here hundreds of servers share two cores with the whole suite.
    func poll(
        _ uri: String, seconds: Double = 6, until condition: (TestResponse) -> Bool
    ) async throws -> TestResponse {
        let deadline = Date().addingTimeInterval(seconds)
        var response = try await get(uri)
        while !condition(response), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            response = try await get(uri)
        }
        return response
    }
}

/// The text of the first element whose opening tag contains `marker` (e.g. `class="post-title"`).
func elementText(_ html: String, _ marker: String) -> String? {
    guard let markerRange = html.range(of: marker),
        let tagEnd = html[markerRange.upperBound...].firstIndex(of: ">")
    else { return nil }
    let rest = html[html.index(after: tagEnd)...]
    guard let close = rest.range(of: "</") else { return nil }
    return String(rest[..<close.lowerBound])
}

func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}
