import Foundation

/// Reads an article file's bytes, turning file-system failures into reasons a user understands.
enum ArticleFileReader {
    /// Larger files are not articles; refusing them protects memory.
    static let maxBytes = 10 * 1024 * 1024

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "no such file")
        }
        if isDirectory.boolValue { throw Failure(description: "is a directory, not an article file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(description: "cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw Failure(description: "cannot be read: \(error.localizedDescription)")
        }
        if data.count > maxBytes { throw Failure(description: "is larger than 10 MiB, too large for an article") }
        return [UInt8](data)
    }
}
