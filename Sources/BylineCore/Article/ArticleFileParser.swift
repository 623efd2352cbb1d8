/// Parses article text files (DESIGN.md, "Article text files"): title, author, optional header
/// lines, then paragraphs. Page chrome is dropped. LF, CRLF and CR line endings are accepted;
/// other control characters are removed (they are invisible, and XML feeds cannot carry them).
public enum ArticleFileParser {
    public static let maxTitleLength = 300

    public static func parse(_ bytes: [UInt8]) throws(ArticleFileError) -> ArticleFile {
        if bytes.isEmpty { throw .empty }
        if bytes.contains(0) { throw .binary }
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        guard let text = String(validating: content, as: UTF8.self) else { throw .notUTF8 }
        return try parse(text: text)
    }

    public static func parse(text: String) throws(ArticleFileError) -> ArticleFile {
        let lines = splitLines(ControlCharacters.removing(from: text))
        var index = 0
        func nextNonEmpty() -> String? {
            while index < lines.count {
                let line = lines[index].trimmingWhitespace()
                index += 1
                if !line.isEmpty { return line }
            }
            return nil
        }

        guard let title = nextNonEmpty()?.collapsingWhitespace() else { throw .noTitle }
        if HeaderLine(title) != nil || ReadAlsoLine.title(in: title) != nil || PageChrome.isChrome(title) {
            throw .noTitle
        }
        if title.count > maxTitleLength { throw .titleTooLong(title.count) }

        guard let author = nextNonEmpty()?.collapsingWhitespace(), HeaderLine(author) == nil,
            author.count <= 200
        else { throw .noAuthor }

        var article = ArticleFile(
            title: title, authorName: author, statedReadingMinutes: nil, date: nil, tags: nil,
            body: TextBody(blocks: []))

        // Header lines follow the author, in any order, blank lines allowed between them.
        while index < lines.count {
            let line = lines[index].trimmingWhitespace()
            if line.isEmpty {
                index += 1
                continue
            }
            guard let header = HeaderLine(line) else { break }
            switch header {
            case .readingTime(let minutes): article.statedReadingMinutes = minutes
            case .date(let day): article.date = day
            case .tags(let tags): article.tags = tags
            case .invalidDate(let value): throw .badDate(value)
            case .invalidReadingTime(let value): throw .badReadingTime(value)
            case .image(let path):
                if path.isEmpty { throw .emptyImagePath }
                article.imagePath = path
            case .imageAlt(let alt): article.imageAlt = alt.isEmpty ? nil : alt
            }
            index += 1
        }

        let (blocks, chrome) = bodyBlocks(Array(lines[index...]))
        article.body = TextBody(blocks: blocks)
        article.droppedChrome = chrome
        if article.body.paragraphs.isEmpty { throw .noBody }
        return article
    }

    /// Lines into paragraphs: blank lines separate them, a soft-wrapped paragraph is joined with
    /// spaces, and a READ ALSO or chrome line always stands alone. Returns the chrome lines
    /// dropped too, so an import can say what it left out.
    static func bodyBlocks(_ lines: [String]) -> (blocks: [TextBody.Block], droppedChrome: [String]) {
        var blocks: [TextBody.Block] = []
        var chrome: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            paragraph = []
        }
        for raw in lines {
            let line = raw.trimmingWhitespace()
            if line.isEmpty {
                flush()
            } else if let title = ReadAlsoLine.title(in: line) {
                flush()
                blocks.append(.readAlso(title: title.collapsingWhitespace()))
            } else if PageChrome.isChrome(line) {
                flush()
                chrome.append(line.collapsingWhitespace())
            } else {
                paragraph.append(line.collapsingWhitespace())
            }
        }
        flush()
        return (blocks, chrome)
    }

    /// Lines split at every ending `Character.isNewline` knows (LF, CR, CRLF, VT, FF, NEL, LS,
    /// PS), found in the UTF-8 bytes: decoding characters here was most of a big import's time.
    static func splitLines(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var lines: [String] = []
        var start = 0
        var index = 0
        func cut(skipping length: Int) {
            lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
            index += length
            start = index
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x0D: cut(skipping: index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1)
            case 0x0A, 0x0B, 0x0C: cut(skipping: 1)
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: cut(skipping: 2)
            case 0xE2
            where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                cut(skipping: 3)
            default: index += 1
            }
        }
        lines.append(String(decoding: bytes[start..<bytes.count], as: UTF8.self))
        return lines
    }
}
