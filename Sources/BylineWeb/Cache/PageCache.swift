import BylineCore
import Foundation
import Synchronization

/// Rendered public pages, one copy per audience (``key(_:for:)``: never per person), bounded
/// in bytes, least recently used evicted first. Pages are dropped exactly when a change names
/// something they were built from, and not served past their ``PreparedPage/validUntil``.
public final class PageCache: Sendable {
    /// Counters for `/metrics`.
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var entries = 0
        public var bytes = 0
        public var evictions = 0
        public var invalidations = 0
    }

    /// A cached page and the route family it answers, for metrics on the hit path.
    struct Entry {
        let page: PreparedPage
        let label: SiteMetrics.RouteLabel
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var tick: UInt64 = 0
        /// Bumped by every invalidation: a page rendered before a bump may be stale, so it is not stored.
        var epoch: UInt64 = 0
        var statistics = Statistics()
    }

    public let capacityBytes: Int
    private let state = Mutex(State())

    public init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// Taken before rendering; ``insert(_:_:renderedAt:)`` refuses a page whose epoch has passed.
    var epoch: UInt64 { state.withLock { $0.epoch } }

    /// Where `path`'s copy for `audience` is kept: the path itself for anonymous readers (the
    /// hot path builds nothing), a prefix no path has for members; nil for staff, whose pages
    /// are never cached.
    static func key(_ path: String, for audience: Audience) -> String? {
        switch audience {
        case .anonymous: path
        case .member: "member:" + path
        case .staff: nil
        }
    }

    /// The cached page at `key`, counted as a hit; a miss is counted by ``noteMiss()``, since
    /// only the caller knows whether the path could have been cached at all. A page past its
    /// ``PreparedPage/validUntil`` at `now` is dropped and missed.
    func page(_ key: String, now: Date = Date()) -> Entry? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            if let validUntil = entry.page.validUntil, now >= validUntil {
                state.entries[key] = nil
                state.bytes -= entry.page.size
                state.statistics.invalidations += 1
                state.statistics.entries = state.entries.count
                state.statistics.bytes = state.bytes
                return nil
            }
            state.tick &+= 1
            state.statistics.hits += 1
            entry.lastUse = state.tick
            state.entries[key] = entry
            return entry
        }
    }

    func noteMiss() {
        state.withLock { $0.statistics.misses += 1 }
    }

    /// Stores `page` unless something was invalidated since `epoch` (it might have been built from old data).
    func insert(_ path: String, _ page: PreparedPage, label: SiteMetrics.RouteLabel = .other, renderedAt epoch: UInt64)
    {
        let size = page.size
        guard size <= capacityBytes / 4 else { return }  // one page may not flush the whole cache
        state.withLock { state in
            guard state.epoch == epoch else { return }
            state.tick &+= 1
            if let old = state.entries.updateValue(Entry(page: page, label: label, lastUse: state.tick), forKey: path) {
                state.bytes -= old.page.size
            }
            state.bytes += size
            if state.bytes > capacityBytes { Self.evict(&state, below: capacityBytes * 9 / 10) }
            state.statistics.entries = state.entries.count
            state.statistics.bytes = state.bytes
        }
    }

    /// Drops every page built from any of `keys`; `.site` drops everything.
    func invalidate(_ keys: Set<ChangeKey>) {
        if keys.contains(.site) { return removeAll() }
        guard !keys.isEmpty else { return }
        state.withLock { state in
            state.epoch &+= 1
            for (path, entry) in state.entries where !entry.page.dependencies.isDisjoint(with: keys) {
                state.entries[path] = nil
                state.bytes -= entry.page.size
                state.statistics.invalidations += 1
            }
            state.statistics.entries = state.entries.count
            state.statistics.bytes = state.bytes
        }
    }

    func removeAll() {
        state.withLock { state in
            state.epoch &+= 1
            state.statistics.invalidations += state.entries.count
            state.entries.removeAll()
            state.bytes = 0
            state.statistics.entries = 0
            state.statistics.bytes = 0
        }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Least recently used first, until the cache holds less than `limit` bytes.
    private static func evict(_ state: inout State, below limit: Int) {
        let oldestFirst = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
        for (path, entry) in oldestFirst where state.bytes > limit {
            state.entries[path] = nil
            state.bytes -= entry.page.size
            state.statistics.evictions += 1
        }
    }
}
