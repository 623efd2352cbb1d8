import BylineCore
import BylineStore
import Foundation

/// A real SQLite file in a fresh temporary folder, removed when the test ends.
final class TemporaryStore: Sendable {
    let folder: URL
    let clock: ManualClock
    let store: SQLiteStore

    init(now: Date = Date(timeIntervalSince1970: 1_780_000_000)) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        clock = ManualClock(now)
        store = try SQLiteStore(path: folder.appendingPathComponent(SQLiteStore.fileName).path, clock: clock)
    }

    var path: String { folder.appendingPathComponent(SQLiteStore.fileName).path }

    /// A second, independent connection to the same file, as another process would have.
    func secondStore() throws -> SQLiteStore {
        try SQLiteStore(path: path, clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}

func input(
    _ title: String, author: String = "Mara Ellison", tags: [String] = [], body: String = "Some text here.",
    publishedAt: Date? = nil, status: PostStatus = .published
) -> PostInput {
    PostInput(
        title: title, authorName: author, body: PostBody(storedText: body), tagNames: tags, publishedAt: publishedAt,
        status: status)
}
