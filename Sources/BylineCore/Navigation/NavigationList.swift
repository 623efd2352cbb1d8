/// The navigation as staff edit it: one link a line, `Label | /url/`, in the order shown. Pure
/// parsing and formatting, so the settings form and its tests agree on the format.
public enum NavigationList {
    public static let maxLinks = 30
    public static let maxLabelLength = 60
    static let maxURLLength = 2000

    /// The links of `text`; blank lines are skipped. Only paths on this site and `http(s)://`
    /// addresses are accepted: a `javascript:` link in the header would run on every page.
    public static func parse(_ text: String) throws(NavigationListError) -> [NavigationLink] {
        var links: [NavigationLink] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let bar = trimmed.lastIndex(of: "|") else { throw .noSeparator(line: line) }
            let label = trimmed[..<bar].trimmingWhitespace()
            let url = trimmed[trimmed.index(after: bar)...].trimmingWhitespace()
            links.append(try checked(NavigationLink(label: label, url: url), line: line))
        }
        guard links.count <= maxLinks else { throw .tooManyLinks(links.count) }
        return links
    }

    /// `links` as given in a list (the Admin API's, or the command line's), held to the rules
    /// `parse` holds a line to; `line` in an error is the link's place in the list, from 1.
    public static func checked(_ links: [NavigationLink]) throws(NavigationListError) -> [NavigationLink] {
        guard links.count <= maxLinks else { throw .tooManyLinks(links.count) }
        var result: [NavigationLink] = []
        for (index, link) in links.enumerated() {
            let trimmed = NavigationLink(label: link.label.trimmingWhitespace(), url: link.url.trimmingWhitespace())
            guard !trimmed.label.contains(where: \.isNewline) else { throw .badLabel(line: index + 1) }
            result.append(try checked(trimmed, line: index + 1))
        }
        return result
    }

    static func checked(_ link: NavigationLink, line: Int) throws(NavigationListError) -> NavigationLink {
        guard !link.label.isEmpty else { throw .noLabel(line: line) }
        guard link.label.count <= maxLabelLength else { throw .labelTooLong(line: line) }
        guard !link.url.isEmpty else { throw .noURL(line: line) }
        guard isAllowedURL(link.url) else { throw .badURL(line: line, link.url) }
        return link
    }

    /// The text `parse` reads back as `links`.
    public static func text(_ links: [NavigationLink]) -> String {
        links.map { "\($0.label) | \($0.url)" }.joined(separator: "\n")
    }

    /// A path on this site (but not `//host`, which leaves it) or an absolute http(s) address,
    /// without spaces or control characters.
    static func isAllowedURL(_ url: String) -> Bool {
        guard url.utf8.count <= maxURLLength,
            !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        if url.hasPrefix("/") { return !url.hasPrefix("//") && !url.hasPrefix("/\\") }
        let lower = url.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            return lower.count > scheme.count
        }
        return false
    }
}
