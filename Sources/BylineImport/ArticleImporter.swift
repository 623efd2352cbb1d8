import BylineCore
import BylineStore
import Foundation

/// Imports article text files into a store, one file at a time: a bad file is reported and
/// skipped, and the others are still imported.
public struct ArticleImporter: Sendable {
    let store: any Store
    let timeZone: TimeZone

    public init(store: any Store, timeZone: TimeZone) {
        self.store = store
        self.timeZone = timeZone
    }

    /// What happened to one file.
    public enum Result: Sendable {
        case imported(path: String, SavedPost)
        case failed(path: String, reason: String)
    }

    public func importFiles(_ paths: [String]) async -> [Result] {
        var results: [Result] = []
        for path in paths {
            results.append(await importFile(path))
        }
        return results
    }

    public func importFile(_ path: String) async -> Result {
        let article: ArticleFile
        do {
            article = try ArticleFileParser.parse(ArticleFileReader.read(path))
        } catch let error as ArticleFileError {
            return .failed(path: path, reason: error.description)
        } catch {
            return .failed(path: path, reason: "\(error)")
        }
        do {
            return .imported(path: path, try await store.upsertPost(matchingTitle: input(for: article)))
        } catch {
            return .failed(path: path, reason: "could not save: \(error)")
        }
    }

    /// The store input for a parsed file; a `Date:` day means noon of that day in the site's zone,
    /// so the displayed date is the day written, in any zone near it.
    public func input(for article: ArticleFile) -> PostInput {
        var publishedAt: Date?
        if let day = article.date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            publishedAt = calendar.date(
                from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))
        }
        return PostInput(
            title: article.title, authorName: article.authorName, body: article.body, tagNames: article.tags,
            publishedAt: publishedAt, status: .published, visibility: .public,
            statedReadingMinutes: article.statedReadingMinutes)
    }
}
