/// Why a CSV text cannot be read, in words the person who made the file can act on.
public enum CSVTableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quoted field opened on `line` never closes.
    case unterminatedQuote(line: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            "Line \(line): a quoted field (starting with \") never ends. Check for a missing closing quote."
        }
    }
}
