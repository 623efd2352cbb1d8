import Foundation

/// Paths to the shared fixtures, which live beside the repository (never inside it), and to the
/// repository's own theme.
public enum Fixtures {
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `BYLINE_FIXTURES`, else `../shared/fixtures` next to the repository.
    public static var directory: URL {
        if let explicit = ProcessInfo.processInfo.environment["BYLINE_FIXTURES"] {
            return URL(fileURLWithPath: explicit)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }

    public static var seedPath: String {
        directory.appendingPathComponent("seed-article.txt").path
    }

    public static func seedBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath)))
    }

    public static var themeDirectory: String {
        repositoryRoot.appendingPathComponent("Themes/default").path
    }

    public static var adminThemeDirectory: String {
        repositoryRoot.appendingPathComponent("Themes/admin").path
    }
}
