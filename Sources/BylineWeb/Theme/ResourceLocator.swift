import Foundation

/// Finds files that ship beside the binary (themes, demo articles) in a source checkout, a build
/// tree or an install prefix.
public enum ResourceLocator {
    public static func find(environment variable: String, relativePath: String) -> String? {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment[variable], !explicit.isEmpty {
            return explicit
        }
        var roots: [URL] = []
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            roots.append(folder)
            roots.append(folder.appendingPathComponent("share/byline"))
            folder = folder.deletingLastPathComponent()
        }
        roots.append(URL(fileURLWithPath: fileManager.currentDirectoryPath))
        for root in roots {
            let candidate = root.appendingPathComponent(relativePath).path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }
}
