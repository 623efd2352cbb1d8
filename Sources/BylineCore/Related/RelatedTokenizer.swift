/// Turns text into the terms related articles are compared by: lowercased, diacritics folded
/// ("İstanbul" and "Istanbul" are one term), stop words and tokens shorter than
/// ``minimumLength`` dropped, numbers dropped (dates and figures match by accident), and each
/// word reduced by ``RelatedStemmer`` so "talks" and "talk" count as one.
public enum RelatedTokenizer {
    /// Shorter tokens are mostly particles and abbreviations that match by accident.
    public static let minimumLength = 3

    /// The terms of `text`, in order, repeats kept (their count is the term's frequency).
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        func finish() {
            defer { word = "" }
            guard word.count >= minimumLength, !word.allSatisfy(\.isNumber) else { return }
            guard !RelatedStopWords.contains(word) else { return }
            let stem = RelatedStemmer.stem(word)
            if stem.count >= minimumLength, !RelatedStopWords.contains(stem) { terms.append(stem) }
        }
        for character in Transliteration.ascii(text).lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                finish()
            }
        }
        finish()
        return terms
    }
}
