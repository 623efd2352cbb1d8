import ArgumentParser
import BylineStore
import Foundation

/// `--data DIR`: the folder holding a site's database, uploads and keys.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding byline.sqlite, uploads and keys.")
    var data: String = "./byline-data"

    /// Opens the site's store, creating the folder on first use.
    func openStore() throws -> SQLiteStore {
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create data folder \(data): \(error.localizedDescription)")
        }
        let path = (data as NSString).appendingPathComponent(SQLiteStore.fileName)
        do {
            return try SQLiteStore(path: path)
        } catch {
            throw CLIError("cannot open database \(path): \(error)")
        }
    }
}

/// A failure the message explains; exits with code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
