/// A plain-text body as a list of blocks: an article text file's paragraphs, and the stored form
/// of posts saved before bodies were Markdown (paragraphs separated by blank lines, related links
/// as `READ ALSO: <title>` lines). ``markdown`` turns it into the Markdown source posts keep now,
/// so its `*`, `_` and `<` still show as written.
public struct TextBody: Sendable, Equatable {
    /// One block of a body.
    public enum Block: Sendable, Equatable {
        case paragraph(String)
        /// An inline link to the post with this title ("READ ALSO").
        case readAlso(title: String)
    }

    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// Parses the plain-text form of posts stored before Markdown.
    public init(storedText: String) {
        var blocks: [Block] = []
        var chunks: [Substring] = []
        var start = storedText.startIndex
        var previousWasBlank = false
        for line in storedText.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBlank = line.allSatisfy(\.isWhitespace)
            if isBlank, !previousWasBlank {
                chunks.append(storedText[start..<line.startIndex])
            }
            if isBlank { start = line.endIndex }
            previousWasBlank = isBlank
        }
        chunks.append(storedText[start...])
        for chunk in chunks {
            let text = chunk.trimmingWhitespace()
            guard !text.isEmpty else { continue }
            if let title = ReadAlsoLine.title(in: text) {
                blocks.append(.readAlso(title: title))
            } else {
                blocks.append(.paragraph(text))
            }
        }
        self.blocks = blocks
    }

    /// The plain-text form; `TextBody(storedText: body.storedText) == body`.
    public var storedText: String {
        blocks.map { block in
            switch block {
            case .paragraph(let text): text
            case .readAlso(let title): "READ ALSO: \(title)"
            }
        }.joined(separator: "\n\n")
    }

    /// The body as Markdown: paragraphs with their Markdown syntax escaped, READ ALSO lines as
    /// `::read-also[title]` directives.
    public var markdown: String {
        blocks.map { block in
            switch block {
            case .paragraph(let text): MarkdownEscape.text(text)
            case .readAlso(let title): ReadAlsoDirective.line(title: title)
            }
        }.joined(separator: "\n\n")
    }

    public var paragraphs: [String] {
        blocks.compactMap { if case .paragraph(let text) = $0 { text } else { nil } }
    }

    /// Titles of the posts this body links to, in order.
    public var readAlsoTitles: [String] {
        blocks.compactMap { if case .readAlso(let title) = $0 { title } else { nil } }
    }

    public var wordCount: Int {
        paragraphs.reduce(0) { $0 + WordCount.count(in: $1) }
    }
}
