import ArgumentParser
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
        let opened = try await dataOptions.open()
        let failures: Int
        do {
            failures = try await importAll(into: opened.store)
        } catch {
            await opened.close()
            throw CLIError("import failed: \(error)")
        }
        await opened.close()
        if failures > 0 {
            throw ExitCode(1)
        }
    }

    /// Imports every file, reporting each; returns how many failed.
    private func importAll(into store: any SettingsStore & PostWriting) async throws -> Int {
        let settings = try await store.settings()
        let importer = ArticleImporter(store: store, timeZone: settings.timeZone)
        var failures = 0
        _ = await importer.importFiles(expandFolders(files)) { result in
            switch result {
            case .imported(_, let saved):
                print("\(saved.outcome.rawValue) \(saved.slug) \(saved.title)")
            case .failed(let path, let reason):
                failures += 1
                FileHandle.standardError.write(Data("error: \(path): \(reason)\n".utf8))
            }
        }
        return failures
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
