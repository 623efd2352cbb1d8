import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Logging
import NIOCore
import Testing

@testable import BylineWeb

/// How the watcher reads the change log: exact keys normally, everything dropped when changes
/// it had not read yet were pruned; gaps in the numbering are not pruning.
@Suite struct ChangeWatcherTests {
    static func watcher(_ store: any SiteReading, cache: PageCache?, clock: any WallClock) -> ChangeWatcher {
        ChangeWatcher(
            store: store, chrome: SiteChrome(store: store, navigationTagLimit: 6), cache: cache, clock: clock,
            interval: .milliseconds(50), timeout: .seconds(5), logger: Logger(label: "test"))
    }

    static func post(_ title: String) -> PostInput {
        PostInput(title: title, authorName: "A", markdown: "Text.")
    }

    static func cachedPage(_ cache: PageCache, _ path: String, _ keys: Set<ChangeKey>) {
        cache.insert(
            path,
            PreparedPage(
                status: .ok, body: ByteBuffer(string: path), contentType: "text/html", cacheControl: "no-cache",
                dependencies: keys, renderedAt: Date()), renderedAt: cache.epoch)
    }

    @Test(arguments: StoreKind.allCases) func changesAfterTheLastSeenAreReadExactly(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let first = try await store.upsertPost(matchingTitle: Self.post("First"))
            let seen = try await store.latestChange()
            let second = try await store.upsertPost(matchingTitle: Self.post("Second"))
            let cache = PageCache(capacityBytes: 1 << 20)
            let watcher = Self.watcher(store, cache: cache, clock: temp.clock)
            let (keys, complete) = try await watcher.changedKeys(after: seen)
            #expect(complete)
            #expect(keys.all.contains(.post(second.id)) && !keys.all.contains(.post(first.id)))
            #expect(keys.last == (try await store.latestChange()))

            _ = try await watcher.initialState()  // loads the chrome
            Self.cachedPage(cache, "/first/", [.post(first.id)])
            Self.cachedPage(cache, "/second/", [.post(second.id)])
            let state = try await watcher.poll(ChangeWatcher.State(lastSequence: seen))
            #expect(state.lastSequence == (try await store.latestChange()))
            #expect(cache.page("/first/") != nil)
            #expect(cache.page("/second/") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func aWatcherThatFellBehindPrunedChangesDropsEverything(kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let first = try await store.upsertPost(matchingTitle: Self.post("First"))
            let seen = try await store.latestChange()
            _ = try await store.upsertPost(matchingTitle: Self.post("Second"))
            temp.clock.advance(by: 60)
            _ = try await store.upsertPost(matchingTitle: Self.post("Third"))
            #expect(try await store.pruneChanges(recordedBefore: temp.clock.now()) >= 2)
            let cache = PageCache(capacityBytes: 1 << 20)
            let watcher = Self.watcher(store, cache: cache, clock: temp.clock)
            #expect(try await watcher.changedKeys(after: seen).complete == false)

            // "Second" changed unseen, and its change is gone: every page goes, even one that
            // the remaining change does not name.
            _ = try await watcher.initialState()
            Self.cachedPage(cache, "/first/", [.post(first.id)])
            let state = try await watcher.poll(ChangeWatcher.State(lastSequence: seen))
            #expect(cache.page("/first/") == nil)
            #expect(state.lastSequence == (try await store.latestChange()))
        }
    }

    @Test(arguments: StoreKind.allCases) func gapsInTheNumberingAreNotPruning(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let first = try await store.upsertPost(matchingTitle: Self.post("First"))
            let seen = try await store.latestChange()
            _ = try await store.upsertPost(matchingTitle: Self.post("Second"))
            let skipped = try await store.latestChange()
            let third = try await store.upsertPost(matchingTitle: Self.post("Third"))
            // As if the sequence had skipped `skipped` (a rolled-back insert on PostgreSQL).
            let reading = WrappedStore(base: store, hiddenChanges: [skipped])
            let cache = PageCache(capacityBytes: 1 << 20)
            let watcher = Self.watcher(reading, cache: cache, clock: temp.clock)
            let (keys, complete) = try await watcher.changedKeys(after: seen)
            #expect(complete)
            #expect(keys.all.contains(.post(third.id)))
            _ = try await watcher.initialState()
            Self.cachedPage(cache, "/first/", [.post(first.id)])
            _ = try await watcher.poll(ChangeWatcher.State(lastSequence: seen))
            #expect(cache.page("/first/") != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func theChromeIsReplacedAfterAChange(kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let watcher = Self.watcher(store, cache: nil, clock: temp.clock)
            let state = try await watcher.initialState()
            #expect(try await watcher.chrome.current().settings.title == SiteSettings().title)
            var settings = try await store.settings()
            settings.title = "Renamed"
            try await store.saveSettings(settings)
            _ = try await store.upsertPost(
                matchingTitle: PostInput(
                    title: "Tagged", authorName: "A", markdown: "Text.", tagNames: ["Weather"]))
            #expect(try await watcher.chrome.current().settings.title == SiteSettings().title)
            _ = try await watcher.poll(state)
            let chrome = try await watcher.chrome.current()
            #expect(chrome.settings.title == "Renamed")
            #expect(chrome.navTags.map(\.slug) == ["weather"])
        }
    }
}
