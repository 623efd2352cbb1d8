/// A line-by-line comparison of two texts, as the revisions page shows it: which lines a later
/// text kept, dropped and added. A longest common subsequence, so moved blocks show as one
/// removal and one addition, like `diff` without its heuristics.
public enum LineDiff {
    /// One line of the comparison.
    public enum Line: Sendable, Equatable {
        /// In both texts.
        case same(String)
        /// Only in the old text.
        case removed(String)
        /// Only in the new text.
        case added(String)
    }

    /// Above this many cells (old lines × new lines, after the common start and end are set
    /// aside) the table would cost too much memory for a page view (16 MB at 4 bytes a cell): the
    /// middle is then shown as removed and added as a whole, which is still correct.
    public static let maximumTableCells = 4_000_000

    /// The lines of `old` and `new` in order, each marked kept, removed or added. Lines end at
    /// LF or CRLF; a final line break does not make an empty last line.
    public static func compare(_ old: String, _ new: String) -> [Line] {
        let before = lines(old)
        let after = lines(new)
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix,
            before[before.count - 1 - suffix] == after[after.count - 1 - suffix]
        {
            suffix += 1
        }
        let middleOld = Array(before[prefix..<(before.count - suffix)])
        let middleNew = Array(after[prefix..<(after.count - suffix)])
        var result = before[..<prefix].map(Line.same)
        result += middle(middleOld, middleNew)
        result += before[(before.count - suffix)...].map(Line.same)
        return result
    }

    /// The differing middle part, by a table of common subsequence lengths from the end.
    static func middle(_ old: [String], _ new: [String]) -> [Line] {
        if old.isEmpty { return new.map(Line.added) }
        if new.isEmpty { return old.map(Line.removed) }
        guard old.count * new.count <= maximumTableCells else {
            return old.map(Line.removed) + new.map(Line.added)
        }
        let width = new.count + 1
        // lengths[i * width + j]: the longest common subsequence of old[i...] and new[j...].
        var lengths = [Int32](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    old[i] == new[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var result: [Line] = []
        result.reserveCapacity(old.count + new.count)
        var i = 0
        var j = 0
        while i < old.count, j < new.count {
            if old[i] == new[j] {
                result.append(.same(old[i]))
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                result.append(.removed(old[i]))
                i += 1
            } else {
                result.append(.added(new[j]))
                j += 1
            }
        }
        result += old[i...].map(Line.removed)
        result += new[j...].map(Line.added)
        return result
    }

    /// The text's lines without their line breaks.
    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // "\r\n" is one Character in Swift, so both separators are named.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
        if text.last == "\n" || text.last == "\r\n" { lines.removeLast() }
        return lines
    }
}
