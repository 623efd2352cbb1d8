extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (no Foundation needed).
    public func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }

    /// Runs of whitespace folded to one space, trimmed.
    public func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
