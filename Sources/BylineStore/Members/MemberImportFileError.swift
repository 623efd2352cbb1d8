import BylineCore

/// Why a member CSV cannot be imported at all (rather than some of its rows).
public enum MemberImportFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No header row.
    case empty
    /// The header row names no `email` column.
    case missingEmailColumn(header: [String])
    case unreadable(CSVTableError)

    public var description: String {
        switch self {
        case .empty: "The file is empty. It needs a header row (email,name,newsletters) and a row per member."
        case .missingEmailColumn(let header):
            "The first row must name the columns, one of them “email”; it reads: \(header.joined(separator: ","))"
        case .unreadable(let error): error.description
        }
    }
}
