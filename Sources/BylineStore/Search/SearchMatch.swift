/// One match of a search: the post, and the scope (``SearchScope/Columns``) it matched in, which
/// decides the text its snippet may quote.
struct SearchMatch {
    var id: Int64
    var scope: Int
}

extension SearchMatch {
    /// From a row with `id` and `scope`.
    init(row: SQLRow) throws {
        self.init(id: try row["id"], scope: try row["scope"])
    }
}
