/// Escapes plain text so that Markdown shows it as written: article files and bodies stored
/// before Markdown are plain text, where `*stars*`, `<b>` or a leading `1.` are not markup.
public enum MarkdownEscape {
    /// ASCII punctuation that is Markdown (or GitHub extension) syntax wherever it stands.
    /// `&` starts entity references, `|` table cells, `~` strikethrough, `!` and `(`/`)` only
    /// matter next to an escaped `[`/`]`.
    private static let alwaysEscaped: Set<UInt8> = Set("\\`*_[]<>#|~&".utf8)

    /// `text` with every character Markdown could read as syntax backslash-escaped. Each line
    /// is escaped on its own: a line starting `- ` or `1. ` inside a paragraph would start a list.
    public static func text(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var atLineStart = true
        var leadingDigits = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A {
                output.append(byte)
                atLineStart = true
                leadingDigits = 0
                continue
            }
            if atLineStart, byte == 0x20 || byte == 0x09 {
                output.append(byte)
                continue
            }
            if alwaysEscaped.contains(byte) {
                output.append(0x5C)
            } else if atLineStart, byte == 0x2D || byte == 0x2B || byte == 0x3D || byte == 0x3A {
                // "- item", "+ item", "===" (a heading underline), ":::" (a directive).
                output.append(0x5C)
            } else if leadingDigits > 0, byte == 0x2E || byte == 0x29 {
                // "1. item", "1) item".
                output.append(0x5C)
            } else if startsWebAddress(bytes, at: index) {
                // GitHub's autolinks take `https://...` and `www....` as written, backslashes
                // and all ("a\_b" would show and link as such): plain text does not link them.
                output.append(0x5C)
            }
            let isDigit = byte >= 0x30 && byte <= 0x39
            leadingDigits = (atLineStart || leadingDigits > 0) && isDigit ? leadingDigits + 1 : 0
            atLineStart = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `bytes[index]` is the `:` of `://` or the `.` of `www.`, where an autolink starts.
    private static func startsWebAddress(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case 0x3A:
            return index + 2 < bytes.count && bytes[index + 1] == 0x2F && bytes[index + 2] == 0x2F
        case 0x2E:
            return index >= 3 && bytes[(index - 3)..<index].allSatisfy { $0 | 0x20 == 0x77 }
        default:
            return false
        }
    }
}
