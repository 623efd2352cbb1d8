import BylineCore
import BylineImages
import BylineStore
import Foundation

/// Imports article text files into a store: a bad file is reported and skipped, and the others
/// are still imported. Files are saved in batches, one transaction each, so a bulk import does
/// not pay for a transaction per file.
public struct ArticleImporter: Sendable {
    let store: any PostWriting
    let timeZone: TimeZone

    /// Files per transaction.
    public static let batchSize = 500

    public init(store: any PostWriting, timeZone: TimeZone) {
        self.store = store
        self.timeZone = timeZone
    }

    /// What happened to one file.
    public enum Result: Sendable {
        /// Saved; `droppedChrome` lists the page-chrome lines left out of its body, as written.
        case imported(path: String, SavedPost, droppedChrome: [String])
        case failed(path: String, reason: String)
    }

    /// Imports `paths` in order; `report` hears of each file as its batch is saved.
    public func importFiles(_ paths: [String], report: (Result) -> Void = { _ in }) async -> [Result] {
        var results: [Result] = []
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + Self.batchSize, paths.count)])
            for result in await importBatch(batch) {
                report(result)
                results.append(result)
            }
            start += Self.batchSize
        }
        return results
    }

    /// One transaction for the files that parse; when it fails, each file on its own, so the
    /// reason lands on the file that has it.
    private func importBatch(_ paths: [String]) async -> [Result] {
        var parsed: [(index: Int, path: String, article: ArticleFile, input: PostInput)] = []
        var results = [Result?](repeating: nil, count: paths.count)
        for (index, path) in paths.enumerated() {
            switch parse(path) {
            case .success(let article):
                do {
                    parsed.append((index, path, article, try await input(for: article, at: path)))
                } catch {
                    results[index] = .failed(path: path, reason: "\(error)")
                }
            case .failure(let reason): results[index] = .failed(path: path, reason: reason)
            }
        }
        do {
            let saved = try await store.upsertPosts(matchingTitles: parsed.map(\.input))
            for (item, post) in zip(parsed, saved) {
                results[item.index] = .imported(path: item.path, post, droppedChrome: item.article.droppedChrome)
            }
        } catch {
            for item in parsed { results[item.index] = await save(item.input, item.article, path: item.path) }
        }
        return results.compactMap { $0 }
    }

    private enum Parsed {
        case success(ArticleFile)
        case failure(String)
    }

    private func parse(_ path: String) -> Parsed {
        do {
            return .success(try ArticleFileParser.parse(ArticleFileReader.read(path)))
        } catch let error as ArticleFileError {
            return .failure(error.description)
        } catch {
            return .failure("\(error)")
        }
    }

    private func save(_ input: PostInput, _ article: ArticleFile, path: String) async -> Result {
        do {
            let saved = try await store.upsertPost(matchingTitle: input)
            return .imported(path: path, saved, droppedChrome: article.droppedChrome)
        } catch {
            return .failed(path: path, reason: "could not save: \(error)")
        }
    }

    public func importFile(_ path: String) async -> Result {
        switch parse(path) {
        case .success(let article):
            do {
                return await save(try await input(for: article, at: path), article, path: path)
            } catch {
                return .failed(path: path, reason: "\(error)")
            }
        case .failure(let reason): return .failed(path: path, reason: reason)
        }
    }

    /// The store input for a parsed file; a `Date:` day means noon of that day in the site's zone,
    /// so the displayed date is the day written, in any zone near it.
    ///
    /// The input states only what the file states: a re-import never reverts what an editor set
    /// (status, visibility, excerpt, slug), and keeps tags and date when the file has no `Tags:`
    /// or `Date:` line. A new post dated in the future is scheduled (``PostInput/status``).
    /// ``input(for:)`` with the file's `Image:` picture stored first and named as the feature
    /// image; its alt text is the `Image-Alt:` line, else the title (an imported picture gets
    /// words a screen reader can say; an editor can improve them). A missing or unusable
    /// picture fails this file only (``ArticleImage/Failure``).
    func input(for article: ArticleFile, at path: String) async throws -> PostInput {
        var input = input(for: article)
        guard let imagePath = article.imagePath else { return input }
        guard let images = store as? any ImageStoring else {
            throw ArticleImage.Failure(path: imagePath, reason: "this store keeps no images")
        }
        let image = try await ArticleImage(store: images, processor: ImageProcessor()).store(
            imagePath, besideArticle: path)
        input.featureImage = image.originalPath
        input.featureImageAlt = article.imageAlt ?? article.title
        return input
    }

    public func input(for article: ArticleFile) -> PostInput {
        var publishedAt: Date?
        if let day = article.date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            publishedAt = calendar.date(
                from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))
        }
        return PostInput(
            title: article.title, authorName: article.authorName, markdown: article.body.markdown,
            tagNames: article.tags, publishedAt: publishedAt, statedReadingMinutes: article.statedReadingMinutes)
    }
}
