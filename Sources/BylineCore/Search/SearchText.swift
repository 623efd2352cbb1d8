import Foundation

/// How search sees text, the same for the index, the query and the highlighting: words are runs
/// of letters and digits (anything else separates them, as SQLite's `unicode61` tokenizer and
/// PostgreSQL's parser do), compared lowercased and without diacritics ("Zürich" is "zurich").
public enum SearchText {
    /// `text` lowercased, without the accents of the Combining Diacritical Marks block after
    /// canonical decomposition: Latin, Greek and Cyrillic letters lose their accents as
    /// SQLite's `remove_diacritics 2` folds them, while marks that make other letters (the
    /// Japanese voicing marks of "で") stay.
    public static func fold(_ text: String) -> String {
        let lowered = text.lowercased()
        // ASCII has nothing to decompose: the common case skips Foundation's normalization.
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x0300...0x036F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Whether `character` belongs to a word.
    public static func isWordCharacter(_ character: Character) -> Bool {
        // ASCII answered from its code: Unicode's property tables cost a search page's
        // snippets a tenth of its time.
        if let ascii = character.asciiValue {
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
        }
        return character.isLetter || character.isNumber
    }

    /// The ranges of the words of `text`, in order.
    public static func wordRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while let range = nextWordRange(in: text, from: &index) { ranges.append(range) }
        return ranges
    }

    /// The range of the first word of `text` at or after `index`, which it moves past that
    /// word; nil when no word is left.
    public static func nextWordRange(in text: String, from index: inout String.Index) -> Range<String.Index>? {
        while index < text.endIndex, !isWordCharacter(text[index]) { index = text.index(after: index) }
        guard index < text.endIndex else { return nil }
        let start = index
        while index < text.endIndex, isWordCharacter(text[index]) { index = text.index(after: index) }
        return start..<index
    }

    /// The words of `text`, lowercased: each engine folds them as it folds its index (SQLite's
    /// tokenizer by itself, PostgreSQL's through ``fold(_:)``).
    public static func words(_ text: String) -> [String] {
        wordRanges(text).map { text[$0].lowercased() }.filter { !$0.isEmpty }
    }
}
