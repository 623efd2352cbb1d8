import Foundation
import Mustache

/// A theme folder: Mustache templates plus the one stylesheet, loaded once at start.
public struct Theme: Sendable {
    public let directory: String
    let library: MustacheLibrary
    public let stylesheet: StaticAsset
    /// `reader.js`, the little script of public pages (the subscribe overlay); nil when the
    /// theme has none. Pages read without it.
    public let script: StaticAsset?

    /// Templates every theme must have.
    public static let requiredTemplates = [
        "layout", "home", "post", "tag", "author", "archive", "archive-month", "error",
    ]

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(directory: String) async throws {
        self.directory = directory
        do {
            self.library = try await MustacheLibrary(directory: directory)
        } catch {
            throw LoadError(description: "theme \(directory): a template does not parse: \(error)")
        }
        for name in Self.requiredTemplates where library.getTemplate(named: name) == nil {
            throw LoadError(description: "theme \(directory) has no \(name).mustache")
        }
        let cssPath = (directory as NSString).appendingPathComponent("style.css")
        guard let css = FileManager.default.contents(atPath: cssPath) else {
            throw LoadError(description: "theme \(directory) has no style.css")
        }
        self.stylesheet = StaticAsset(
            fileName: "style.css", contentType: "text/css; charset=utf-8", bytes: [UInt8](css))
        let scriptPath = (directory as NSString).appendingPathComponent("reader.js")
        self.script = FileManager.default.contents(atPath: scriptPath).map {
            StaticAsset(fileName: "reader.js", contentType: "text/javascript; charset=utf-8", bytes: [UInt8]($0))
        }
    }

    /// The theme's file served under `fingerprintedName`, if any.
    func asset(named fingerprintedName: String) -> StaticAsset? {
        [stylesheet, script].lazy.compactMap { $0 }.first { $0.fingerprintedName == fingerprintedName }
    }

    /// Renders `template` with `context`; the theme was checked at load, so a name is always there.
    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// The folder of the default theme: `BYLINE_THEME_DIR`, else `Themes/default` found next to
    /// the executable or one of its parent folders (a build tree or an install prefix), else below
    /// the working directory.
    public static func defaultDirectory() -> String? {
        ResourceLocator.find(environment: "BYLINE_THEME_DIR", relativePath: "Themes/default")
    }
}
