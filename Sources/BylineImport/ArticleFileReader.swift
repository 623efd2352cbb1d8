import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an article file's bytes, turning file-system failures into reasons a user understands
/// (the system's own words: "Permission denied", "Input/output error").
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
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(description: "cannot be opened: \(systemError())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot be read: \(systemError())")
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > maxBytes { throw Failure(description: "is larger than 10 MiB, too large for an article") }
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
