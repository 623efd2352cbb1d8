/// A post body as a list of blocks, stored as plain text: paragraphs separated by blank lines,
/// related links as `READ ALSO: <title>` lines. Plain text keeps storage engine-neutral and the
/// links resolvable at render time, so a link appears as soon as its target exists.
public struct PostBody: Sendable, Equatable {
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

    /// Parses the stored text form.
    public init(storedText: String) {
        var blocks: [Block] = []
        // Lines, not Foundation's components(separatedBy:): this runs on every page render.
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

    /// The stored text form; `PostBody(storedText: body.storedText) == body`.
    public var storedText: String {
        blocks.map { block in
            switch block {
            case .paragraph(let text): text
            case .readAlso(let title): "READ ALSO: \(title)"
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

    /// Text bodies carry no images yet; Markdown bodies will.
    public var imageCount: Int { 0 }
}
