/// What a member import did (or, from a preview, would do).
public struct MemberImportResult: Sendable, Equatable {
    /// New members.
    public var added: Int
    /// Addresses that were members already: left as they are (status and newsletters).
    public var existing: Int
    /// Of ``existing``, members without a name who got the file's.
    public var namesFilled: Int
    /// Rows not imported.
    public var problems: [MemberImportProblem]

    public init(added: Int = 0, existing: Int = 0, namesFilled: Int = 0, problems: [MemberImportProblem] = []) {
        self.added = added
        self.existing = existing
        self.namesFilled = namesFilled
        self.problems = problems
    }
}
