import ArgumentParser
import BylineCore
import BylineImport
import BylineStore
import Foundation

/// `byline import FILE...`: imports article files, also while a server runs on the same data folder.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import article text files (created or updated by title).",
        discussion: "A folder imports every .txt file in it, in name order.")

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: "Article text files, or folders of them.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one article file to import") }
    }

    func run() async throws {
        if dataOptions.wouldCreateSite {
            // A mistyped --data would otherwise import into a new, empty site without a word.
            FileHandle.standardError.write(Data("No site in \(dataOptions.data): creating a new one.\n".utf8))
        }
        let opened = try await dataOptions.open()
        let imported: Int
        let failures: Int
        do {
            (imported, failures) = try await importAll(into: opened.store)
        } catch {
            await opened.close()
            throw CLIError("import failed: \(error)")
        }
        if imported >= SiteStore.searchCompactionThreshold {
            // Indexed one post at a time, the search index came out larger and slower than
            // one built at once: rebuilt now, a range of posts at a time.
            FileHandle.standardError.write(Data("compacting the search index after \(imported) posts\n".utf8))
            do {
                try await opened.store.compactSearchIndex()
            } catch {
                // The posts are saved and found: only the index's size and speed are at stake.
                await opened.close()
                throw CLIError(
                    "the \(imported) posts were imported, but compacting the search index failed: \(error)."
                        + " Search works meanwhile; run `byline search compact` to try again")
            }
        }
        await opened.close()
        if failures > 0 {
            throw ExitCode(1)
        }
    }

    /// Imports every file, reporting each on standard output (`created`, `updated` or
    /// `scheduled ... for ...`: one line an article) and what it dropped on standard error;
    /// returns how many were imported and how many failed.
    private func importAll(into store: any SettingsStore & PostWriting) async throws -> (imported: Int, failed: Int) {
        let settings = try await store.settings()
        let importer = ArticleImporter(store: store, timeZone: settings.timeZone)
        var imported = 0
        var failures = 0
        _ = await importer.importFiles(expandFolders(files)) { result in
            switch result {
            case .imported(_, let saved, let droppedChrome):
                imported += 1
                if saved.outcome == .created, saved.status == .scheduled, let date = saved.publishedAt {
                    print("scheduled \(saved.slug) for \(Self.dateText(date, settings: settings))")
                } else {
                    print("\(saved.outcome.rawValue) \(saved.slug) \(saved.title)")
                }
                for line in droppedChrome {
                    FileHandle.standardError.write(Data("  dropped page chrome: \"\(line)\"\n".utf8))
                }
            case .failed(let path, let reason):
                failures += 1
                FileHandle.standardError.write(Data("error: \(path): \(reason)\n".utf8))
            }
        }
        return (imported, failures)
    }

    /// "2027-01-05 12:00 Europe/Oslo": when a scheduled post goes out, in the site's zone (named
    /// as the settings name it: Foundation calls UTC "GMT").
    static func dateText(_ date: Date, settings: SiteSettings) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ number: Int?) -> String { (number ?? 0) < 10 ? "0\(number ?? 0)" : "\(number ?? 0)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) "
            + settings.timeZoneIdentifier
    }

    /// Folders become their `.txt` files in name order (one without any stays a folder, an error); anything else stays as given, so a path
    /// that cannot be read is reported by the importer.
    private func expandFolders(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { return [path] }
            let articles = names.filter { $0.hasSuffix(".txt") }.sorted()
            // A folder without articles is reported as what it is.
            guard !articles.isEmpty else { return [path] }
            return articles.map { (path as NSString).appendingPathComponent($0) }
        }
    }
}
