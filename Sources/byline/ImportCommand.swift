import ArgumentParser
import BylineImport
import BylineStore
import Foundation

/// `byline import FILE...`: imports article files, also while a server runs on the same data folder.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import article text files (created or updated by title).")

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: "Article text files.")
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
    private func importAll(into store: any Store) async throws -> Int {
        let settings = try await store.settings()
        let importer = ArticleImporter(store: store, timeZone: settings.timeZone)
        var failures = 0
        for result in await importer.importFiles(files) {
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
}
