import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

@Suite struct StoreOpenerTests {
    @Test func noURLMeansSQLiteInTheDataFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("site/data").path
        for url in [nil, "", "  "] as [String?] {
            let opened = try await StoreOpener.open(databaseURL: url, dataFolder: nested, clock: SystemClock())
            #expect(opened.store.engine is SQLiteEngine)
            #expect(opened.service == nil)
            await opened.close()
        }
        #expect(FileManager.default.fileExists(atPath: nested + "/" + SQLiteEngine.fileName))
    }

    @Test func postgresURLOpensAMigratedPostgresStore() async throws {
        try await TestStore.with(.postgres) { temp in
            let url = try #require(temp.databaseURL)
            let opened = try await StoreOpener.open(databaseURL: url, dataFolder: temp.dataFolder, clock: temp.clock)
            #expect(opened.store.engine is PostgresEngine)
            #expect(opened.service != nil)
            _ = try await opened.store.upsertPost(matchingTitle: input("Opened"))
            #expect(try await temp.store.postCount() == 1)
            await opened.close()
            await opened.close()
            await #expect(throws: PostgresStoreError.notRunning) { try await opened.store.postCount() }
        }
    }

    @Test func unknownSchemesAreRefused() async throws {
        for url in ["mysql://root:pw@db/site", "sqlite:///tmp/x.sqlite", "byline.sqlite"] {
            let error = await #expect(throws: StoreOpenError.self) {
                try await StoreOpener.open(databaseURL: url, dataFolder: "/nonexistent", clock: SystemClock())
            }
            #expect(error.map { "\($0)" }?.contains("unsupported database URL") == true)
        }
        let error = await #expect(throws: StoreOpenError.self) {
            try await StoreOpener.open(databaseURL: "mysql://root:pw@db/site", dataFolder: "/x", clock: SystemClock())
        }
        #expect(error.map { "\($0)" }?.contains("pw") == false)
    }
}
