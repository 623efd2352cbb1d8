/// Why the navigation text of the settings form cannot be saved; `description` names the line
/// and says what to write instead.
public enum NavigationListError: Error, Equatable, CustomStringConvertible {
    /// A line without the `|` between label and address.
    case noSeparator(line: Int)
    case noLabel(line: Int)
    /// A label holding a line break (only a list can carry one).
    case badLabel(line: Int)
    case labelTooLong(line: Int)
    case noURL(line: Int)
    /// Not a path on this site nor an `http(s)://` address (e.g. `javascript:`).
    case badURL(line: Int, String)
    case tooManyLinks(Int)

    public var description: String {
        switch self {
        case .noSeparator(let line):
            "line \(line): write the label, a |, then the address, e.g. World | /tag/world/"
        case .noLabel(let line): "line \(line): the label before the | is empty"
        case .badLabel(let line): "link \(line): a label is one line of text"
        case .labelTooLong(let line):
            "line \(line): a label has at most \(NavigationList.maxLabelLength) characters"
        case .noURL(let line): "line \(line): the address after the | is empty"
        case .badURL(let line, let url):
            "line \(line): \"\(url)\" is neither a path on this site (/...) nor an http(s):// address"
        case .tooManyLinks(let count):
            "\(count) links; the navigation holds at most \(NavigationList.maxLinks)"
        }
    }
}
