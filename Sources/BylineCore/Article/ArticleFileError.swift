/// Why an article text file cannot be imported; `description` is the one-line reason users see.
public enum ArticleFileError: Error, Equatable, CustomStringConvertible {
    case empty
    case binary
    case notUTF8
    case noTitle
    case titleTooLong(Int)
    case noAuthor
    case noBody
    case badDate(String)
    case badReadingTime(String)
    case emptyImagePath

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .binary: "the file is binary, not text (it contains NUL bytes)"
        case .notUTF8: "the file is not valid UTF-8 text"
        case .noTitle: "no title: the first non-empty line must be the article's title"
        case .titleTooLong(let length):
            "no title: the first line has \(length) characters; a title has at most \(ArticleFileParser.maxTitleLength)"
        case .noAuthor: "no author: the line after the title must name the author"
        case .noBody: "no body: the article has no paragraphs after its header lines"
        case .badDate(let value): "bad Date line \"\(value)\": expected Date: YYYY-MM-DD"
        case .badReadingTime(let value): "bad reading time \"\(value)\": expected e.g. 4 Min Read"
        case .emptyImagePath: "bad Image line: expected Image: path/to/picture.jpg (relative to the article file)"
        }
    }
}
