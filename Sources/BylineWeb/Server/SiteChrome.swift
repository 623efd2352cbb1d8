import BylineCore
import BylineStore
import Synchronization

/// What the public site reads from its store: settings, public pages, and the change log that
/// tells it when they change.
public typealias SiteReading = SettingsStore & PublicReading & ChangeLog & RelatedReading & PostSearching

/// The site-wide part of every page, settings and the navigation's tags, held in memory so a
/// page reads only its own content from the store.
///
/// ``ChangeWatcher`` publishes it when it starts, once it knows where the change log stands, and
/// again whenever the log moves (a settings save, or a post write that may reorder the most used
/// tags). Pages wait for the first value: so no page is rendered, and cached, from data older
/// than the change the watcher follows from.
final class SiteChrome: Sendable {
    struct Value: Sendable, Equatable {
        let settings: SiteSettings
        let navTags: [Tag]
        /// The images the settings name (logo, icon, sharing default), by id.
        var siteImages: [Int64: StoredImage] = [:]
    }

    private struct State {
        var value: Value?
        /// Pages waiting for the first value, by ticket.
        var waiting: [UInt64: CheckedContinuation<Value, any Error>] = [:]
        var nextTicket: UInt64 = 0
    }

    private enum Outcome {
        case ready(Value)
        case cancelled
        case waiting
    }

    let store: any SiteReading
    let navigationTagLimit: Int
    private let state = Mutex(State())

    init(store: any SiteReading, navigationTagLimit: Int) {
        self.store = store
        self.navigationTagLimit = navigationTagLimit
    }

    /// The value held; waits for the first one when there is none yet (cancellation ends the wait).
    func current() async throws -> Value {
        if let held = state.withLock({ $0.value }) { return held }
        let ticket = state.withLock { state in
            state.nextTicket &+= 1
            return state.nextTicket
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // Cancelled before waiting began: the handler below found nothing to resume.
                let outcome: Outcome = state.withLock { state in
                    if let value = state.value { return .ready(value) }
                    if Task.isCancelled { return .cancelled }
                    state.waiting[ticket] = continuation
                    return .waiting
                }
                switch outcome {
                case .ready(let value): continuation.resume(returning: value)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: ticket) }?.resume(throwing: CancellationError())
        }
    }

    /// Reads settings and navigation from the store, without publishing them.
    func load() async throws -> Value {
        async let settings = store.settings()
        async let tags = store.publicTags(limit: navigationTagLimit)
        var value = Value(settings: try await settings, navTags: try await tags.map(\.tag))
        let images = value.settings.images
        let ids = [images.logoImageID, images.iconImageID, images.defaultShareImageID].compactMap { $0 }
        if !ids.isEmpty, let store = store as? any ImageStoring {
            value.siteImages = try await store.images(ids: ids)
        }
        return value
    }

    /// Holds `value` from now on and hands it to the pages waiting; returns the value held
    /// before (nil when none was).
    @discardableResult
    func replace(with value: Value) -> Value? {
        let (previous, waiting) = state.withLock { state in
            defer {
                state.value = value
                state.waiting = [:]
            }
            return (state.value, Array(state.waiting.values))
        }
        for continuation in waiting { continuation.resume(returning: value) }
        return previous
    }
}
