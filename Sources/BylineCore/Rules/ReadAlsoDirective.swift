/// The Markdown form of a READ ALSO link: a line of its own `::read-also[Post title]`, the
/// CommonMark "generic directive" leaf form (the name in any case). In the title `\]` stands
/// for `]` and `\\` for `\`.
public enum ReadAlsoDirective {
    static let name = "read-also"

    /// The directive line for a link to the post titled `title`.
    public static func line(title: String) -> String {
        var escaped = ""
        for character in title {
            if character == "\\" || character == "]" || character == "[" { escaped.append("\\") }
            escaped.append(character)
        }
        return "::\(name)[\(escaped)]"
    }

    /// The title a directive line names, or nil when `line` is not one. The line must start in
    /// the first column (a directive is a top-level block); trailing whitespace is allowed.
    public static func title(in line: Substring) -> String? {
        let bytes = line.utf8
        // Most lines are text: turn them away by their first two bytes.
        guard bytes.count > name.utf8.count + 4, bytes.first == 0x3A, bytes.dropFirst().first == 0x3A else {
            return nil
        }
        var rest = line.dropFirst(2)
        guard rest.prefix(name.count).lowercased() == name else { return nil }
        rest = rest.dropFirst(name.count)
        guard rest.first == "[" else { return nil }
        rest = rest.dropFirst()
        var title = ""
        var closed = false
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            let next = rest.index(after: index)
            if character == "\\", next < rest.endIndex, isEscapable(rest[next]) {
                title.append(rest[next])
                index = rest.index(after: next)
            } else if character == "]" {
                closed = true
                index = next
                break
            } else {
                title.append(character)
                index = next
            }
        }
        guard closed, rest[index...].allSatisfy(\.isWhitespace) else { return nil }
        let collapsed = title.collapsingWhitespace()
        return collapsed.isEmpty ? nil : collapsed
    }

    /// CommonMark's backslash escapes: any ASCII punctuation character.
    private static func isEscapable(_ character: Character) -> Bool {
        character.isASCII && (character.isPunctuation || character.isSymbol)
    }
}
